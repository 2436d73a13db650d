package io.slipway.core.router;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;

/** A minimal RFC 6455 server on 127.0.0.1: answers the handshake, then echoes text frames back, prefixed "echo:". */
final class WebSocketEchoBackend implements AutoCloseable {
    static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private final ServerSocket socket;
    private final Thread acceptor;

    private WebSocketEchoBackend() throws IOException {
        socket = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::acceptLoop, "ws-echo-backend");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    static WebSocketEchoBackend start() {
        try {
            return new WebSocketEchoBackend();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return socket.getLocalPort();
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket s = socket.accept();
                Thread t = new Thread(() -> serve(s), "ws-echo-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void serve(Socket s) {
        try (s) {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            String head = WebSocketFrames.readHead(in);
            String key = null;
            String forwardedFor = "";
            for (String line : head.split("\r\n")) {
                String lower = line.toLowerCase(Locale.ROOT);
                if (lower.startsWith("sec-websocket-key:")) {
                    key = line.substring(line.indexOf(':') + 1).trim();
                }
                if (lower.startsWith("x-forwarded-for:")) {
                    forwardedFor = line.substring(line.indexOf(':') + 1).trim();
                }
            }
            if (key == null) {
                out.write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                return;
            }
            out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + accept(key) + "\r\nX-Seen-Forwarded-For: " + forwardedFor + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            while (true) {
                WebSocketFrames.Frame f = WebSocketFrames.read(in);
                if (f.opcode() == 8) {
                    out.write(WebSocketFrames.frame(8, new byte[0], false));
                    return;
                }
                if (f.opcode() == 1) {
                    out.write(WebSocketFrames.frame(1, ("echo:" + new String(f.payload(), StandardCharsets.UTF_8))
                            .getBytes(StandardCharsets.UTF_8), false));
                    out.flush();
                }
            }
        } catch (IOException e) {
            // client went away
        }
    }

    static String accept(String key) {
        try {
            byte[] sha = MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.ISO_8859_1));
            return Base64.getEncoder().encodeToString(sha);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
