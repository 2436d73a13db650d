package io.slipway.war.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on 127.0.0.1 in front of a real server (a TCP port, or a unix socket such as the
 * Docker engine's) that, while told to, withholds the replies to requests containing a marker:
 * the request reaches the server and takes effect, but its caller waits for an answer that never
 * comes, as with a server that hangs on that one call. A test uses it to hold a deployment at a
 * precise point of a phase (a git fetch, a container create) until it kills Slipway.
 *
 * <pre>{@code
 * try (StallingProxy engine = StallingProxy.to(DockerCli.local().host())) {
 *     engine.stall("/containers/create");     // Slipway's DOCKER_HOST is engine.tcpUrl()
 *     engine.awaitStalled(1, Duration.ofSeconds(30));
 *     engine.release();                        // later requests pass again
 * }
 * }</pre>
 */
public final class StallingProxy implements AutoCloseable {
    private final ServerSocket server;
    private final Upstream upstream;
    private final Set<AutoCloseable> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger stalled = new AtomicInteger();
    private volatile Optional<String> marker = Optional.empty();

    @FunctionalInterface
    private interface Upstream {
        Pipe connect() throws IOException;
    }

    private record Pipe(InputStream in, OutputStream out, AutoCloseable closer) {
    }

    private StallingProxy(Upstream upstream) throws IOException {
        this.upstream = upstream;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::acceptLoop, "stalling-proxy-" + server.getLocalPort());
        accept.setDaemon(true);
        accept.start();
    }

    /** In front of a Docker engine address: {@code unix:///path}, {@code tcp://host:port}, or empty for the default socket. */
    public static StallingProxy to(String dockerHost) throws IOException {
        String host = dockerHost.isBlank() ? "unix:///var/run/docker.sock" : dockerHost;
        if (host.startsWith("unix://")) {
            Path socket = Path.of(host.substring("unix://".length()));
            return new StallingProxy(() -> {
                SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket));
                return new Pipe(input(channel), output(channel), channel);
            });
        }
        URI uri = URI.create(host);
        return toPort(uri.getHost(), uri.getPort());
    }

    // Not Channels.newInputStream/newOutputStream: those lock the channel, so a blocked read would stop every write.
    private static InputStream input(SocketChannel channel) {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return channel.read(ByteBuffer.wrap(b, off, len));
            }
        };
    }

    private static OutputStream output(SocketChannel channel) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                ByteBuffer buffer = ByteBuffer.wrap(b, off, len);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            }
        };
    }

    /** In front of a TCP server on {@code host:port}. */
    public static StallingProxy toPort(String host, int port) throws IOException {
        Objects.requireNonNull(host, "host");
        return new StallingProxy(() -> {
            Socket socket = new Socket();
            socket.connect(new InetSocketAddress(host, port), 5_000);
            return new Pipe(socket.getInputStream(), socket.getOutputStream(), socket);
        });
    }

    public int port() {
        return server.getLocalPort();
    }

    /** This proxy as a Docker engine address ({@code tcp://127.0.0.1:<port>}). */
    public String tcpUrl() {
        return "tcp://127.0.0.1:" + port();
    }

    /** From now on, replies on a connection that sent a request containing {@code text} are withheld. */
    public void stall(String text) {
        marker = Optional.of(Objects.requireNonNull(text, "text"));
    }

    /** New requests pass again (connections already stalled stay so until their client closes them). */
    public void release() {
        marker = Optional.empty();
    }

    /** How many connections have been stalled so far. */
    public int stalledCount() {
        return stalled.get();
    }

    /** Waits until at least {@code count} connections have been stalled since this proxy started. */
    public void awaitStalled(int count, java.time.Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (stalled.get() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no request containing " + marker.orElse("(nothing)") + " came within "
                        + timeout + " (" + stalled.get() + " stalled so far, " + count + " awaited)");
            }
            Thread.sleep(50);
        }
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Pipe up;
                try {
                    up = upstream.connect();
                } catch (IOException e) {
                    client.close();
                    continue;
                }
                AtomicBoolean held = new AtomicBoolean();
                AutoCloseable both = () -> {
                    closeQuietly(client);
                    closeQuietly(up.closer());
                };
                open.add(both);
                pump(client.getInputStream(), up.out(), held, true, both);
                pump(up.in(), client.getOutputStream(), held, false, both);
            } catch (IOException e) {
                // closed, or one connection failed: the next accept goes on
            }
        }
    }

    private void pump(InputStream from, OutputStream to, AtomicBoolean held, boolean requests, AutoCloseable both) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try {
                for (int n = from.read(buffer); n >= 0; n = from.read(buffer)) {
                    String chunk = requests && !held.get() ? new String(buffer, 0, n, StandardCharsets.ISO_8859_1) : "";
                    if (marker.filter(chunk::contains).isPresent()) {
                        held.set(true);
                        stalled.incrementAndGet();
                    }
                    if (requests || !held.get()) {
                        to.write(buffer, 0, n);
                        to.flush();
                    }
                }
            } catch (IOException e) {
                // either side went away
            } finally {
                closeQuietly(both);
                open.remove(both);
            }
        }, "stalling-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        open.forEach(StallingProxy::closeQuietly);
    }
}
