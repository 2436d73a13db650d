package io.slipway.war.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Plain HTTP/1.1 GETs to the app router on 127.0.0.1 with any Host header: java.net.http refuses
 * to set Host, and a test must not rely on {@code *.localhost} resolving. One connection per
 * request ({@code Connection: close}), so every request goes through the router's routing.
 *
 * <pre>{@code
 * RouterClient.Reply r = new RouterClient(routerPort).get("web.localhost", "/");
 * }</pre>
 */
public final class RouterClient {
    private static final int TIMEOUT_MILLIS = 5_000;

    private final int port;

    public RouterClient(int port) {
        this.port = port;
    }

    /** A reply: status code and body (headers dropped). */
    public record Reply(int status, String body) {
    }

    public Reply get(String host, String path) throws IOException {
        Objects.requireNonNull(host, "host");
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String raw = readAll(socket.getInputStream());
            int headEnd = raw.indexOf("\r\n\r\n");
            if (!raw.startsWith("HTTP/1.") || headEnd < 0) {
                throw new IOException("Not an HTTP reply from the router: " + raw);
            }
            int status = Integer.parseInt(raw.substring(9, 12));
            String head = raw.substring(0, headEnd);
            String body = raw.substring(headEnd + 4);
            if (head.toLowerCase().contains("transfer-encoding: chunked")) {
                body = unchunk(body);
            }
            return new Reply(status, body);
        }
    }

    /**
     * Polls {@code GET /} on {@code host} until it answers 200 with {@code text} in the body;
     * returns how long that took, or fails with the last reply once {@code timeout} passed.
     */
    public java.time.Duration awaitServing(String host, String text, java.time.Duration timeout) throws InterruptedException {
        long start = System.nanoTime();
        String last = "";
        while (System.nanoTime() - start < timeout.toNanos()) {
            try {
                Reply r = get(host, "/");
                last = r.status() + " " + r.body();
                if (r.status() == 200 && r.body().contains(text)) {
                    return java.time.Duration.ofNanos(System.nanoTime() - start);
                }
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the router on port " + port + " did not serve '" + text + "' for " + host + " within "
                + timeout + "; last reply: " + last);
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        in.transferTo(bytes);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static String unchunk(String chunked) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (at < chunked.length()) {
            int lineEnd = chunked.indexOf("\r\n", at);
            if (lineEnd < 0) {
                break;
            }
            int size = Integer.parseInt(chunked.substring(at, lineEnd).split(";")[0].trim(), 16);
            if (size == 0) {
                break;
            }
            body.append(chunked, lineEnd + 2, Math.min(chunked.length(), lineEnd + 2 + size));
            at = lineEnd + 2 + size + 2;
        }
        return body.toString();
    }
}
