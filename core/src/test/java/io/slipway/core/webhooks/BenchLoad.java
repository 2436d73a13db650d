package io.slipway.core.webhooks;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A minimal HTTP/1.1 load generator for bench/webhooks: {@code concurrency} threads, each on one
 * kept-alive connection to 127.0.0.1, send pre-built requests (each exactly once) and read the
 * status and body. Cheap on CPU, so the server under test gets the machine.
 */
final class BenchLoad {
    /** What one run measured. */
    record Result(int sent, double seconds, long p50Micros, long p99Micros, Map<Integer, Integer> statuses,
                  List<String> bodies, long cpuNanos) {
        double perSecond() {
            return sent / seconds;
        }

        /**
         * CPU time of the whole process (server and this client) per request: steadier than the
         * rate on a shared machine, where neighbours take cores for seconds at a time.
         */
        double cpuMicrosPerRequest() {
            return cpuNanos / 1000.0 / sent;
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private BenchLoad() {
    }

    static Result run(int port, List<byte[]> requests, int concurrency, boolean keepBodies) throws InterruptedException {
        long[] latencies = new long[requests.size()];
        String[] bodies = new String[requests.size()];
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        AtomicLong failures = new AtomicLong();
        CountDownLatch done = new CountDownLatch(concurrency);
        long start = System.nanoTime();
        long cpuStart = processCpuNanos();
        for (int t = 0; t < concurrency; t++) {
            Thread th = new Thread(() -> {
                Socket s = null;
                InputStream in = null;
                try {
                    for (int i; (i = next.getAndIncrement()) < requests.size(); ) {
                        if (s == null) {
                            s = new Socket();
                            s.setTcpNoDelay(true);
                            s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
                            s.setSoTimeout(30_000);
                            in = new BufferedInputStream(s.getInputStream(), 8192);
                        }
                        long t0 = System.nanoTime();
                        OutputStream out = s.getOutputStream();
                        out.write(requests.get(i));
                        out.flush();
                        Response r = read(in, keepBodies);
                        latencies[i] = System.nanoTime() - t0;
                        statuses.merge(r.status, 1, Integer::sum);
                        bodies[i] = r.body;
                        if (r.close) {
                            s.close();
                            s = null;
                        }
                    }
                } catch (IOException e) {
                    failures.incrementAndGet();
                } finally {
                    try {
                        if (s != null) {
                            s.close();
                        }
                    } catch (IOException ignored) {
                        // closing a finished connection
                    }
                    done.countDown();
                }
            }, "bench-load-" + t);
            th.setDaemon(true);
            th.start();
        }
        done.await();
        long cpu = processCpuNanos() - cpuStart;
        double seconds = (System.nanoTime() - start) / 1e9;
        if (failures.get() > 0) {
            statuses.merge(-1, (int) failures.get(), Integer::sum);
        }
        long[] sorted = Arrays.stream(latencies).filter(l -> l > 0).sorted().toArray();
        long p50 = sorted.length == 0 ? 0 : sorted[(int) (sorted.length * 0.50)] / 1000;
        long p99 = sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) (sorted.length * 0.99))] / 1000;
        return new Result(requests.size(), seconds, p50, p99, Map.copyOf(statuses), Arrays.asList(bodies), cpu);
    }

    static byte[] post(String path, Map<String, String> headers, byte[] body) {
        StringBuilder sb = new StringBuilder("POST ").append(path).append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        headers.forEach((k, v) -> sb.append(k).append(": ").append(v).append("\r\n"));
        sb.append("Content-Length: ").append(body.length).append("\r\n\r\n");
        byte[] head = sb.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = Arrays.copyOf(head, head.length + body.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return all;
    }

    private record Response(int status, String body, boolean close) {
    }

    /** Reads one response with a Content-Length body (all Slipway's answers here have one). */
    private static Response read(InputStream in, boolean keepBody) throws IOException {
        String statusLine = line(in);
        int status = Integer.parseInt(statusLine.substring(9, 12));
        int length = 0;
        boolean close = false;
        for (String h; !(h = line(in)).isEmpty(); ) {
            String lower = h.toLowerCase();
            if (lower.startsWith("content-length:")) {
                length = Integer.parseInt(h.substring(15).trim());
            } else if (lower.startsWith("connection:") && lower.contains("close")) {
                close = true;
            }
        }
        byte[] body = in.readNBytes(length);
        return new Response(status, keepBody ? new String(body, StandardCharsets.UTF_8) : null, close);
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int c; (c = in.read()) != '\n'; ) {
            if (c < 0) {
                throw new IOException("connection closed");
            }
            if (c != '\r') {
                sb.append((char) c);
            }
        }
        return sb.toString();
    }
}
