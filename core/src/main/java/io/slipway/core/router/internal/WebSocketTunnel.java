package io.slipway.core.router.internal;

import io.slipway.core.router.Backend;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.HttpStream;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;

/**
 * WebSocket pass-through. Jetty's ProxyHandler drops {@code Upgrade} (a hop-by-hop header), so an
 * {@code Upgrade: websocket} request is relayed here instead: its head goes to the backend over a
 * plain socket, the backend's answer comes back, and on {@code 101} the client connection is
 * handed to a {@link TunnelConnection} that copies bytes both ways until either side closes.
 */
final class WebSocketTunnel {
    private static final int CONNECT_TIMEOUT_MS = 5_000;
    private static final int HANDSHAKE_TIMEOUT_MS = 10_000;
    private static final int MAX_REFUSAL_BODY = 64 * 1024;

    private final ExecutorService pumps;

    WebSocketTunnel(ExecutorService pumps) {
        this.pumps = pumps;
    }

    static boolean isUpgrade(Request request) {
        String upgrade = request.getHeaders().get(HttpHeader.UPGRADE);
        return upgrade != null && upgrade.toLowerCase(Locale.ROOT).contains("websocket")
                && HttpMethod.GET.is(request.getMethod());
    }

    /** Relays the handshake; {@code backendDown} answers the client when the backend cannot be reached. */
    void open(Request request, Response response, Callback callback, Backend backend, Runnable backendDown) {
        Socket socket = new Socket();
        BackendResponseHead head;
        try {
            socket.connect(new InetSocketAddress(backend.host(), backend.port()), CONNECT_TIMEOUT_MS);
            socket.setSoTimeout(HANDSHAKE_TIMEOUT_MS);
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            out.write(requestHead(request).getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            head = BackendResponseHead.read(socket.getInputStream());
        } catch (IOException e) {
            closeQuietly(socket);
            backendDown.run();
            return;
        }
        response.setStatus(head.status());
        for (Map.Entry<String, String> f : head.fields()) {
            String name = f.getKey().toLowerCase(Locale.ROOT);
            if (!name.equals("content-length") && !name.equals("transfer-encoding")) {
                response.getHeaders().add(f.getKey(), f.getValue());
            }
        }
        if (head.status() != 101) {
            relayRefusal(socket, head, response, callback);
            return;
        }
        try {
            socket.setSoTimeout(0);
        } catch (IOException e) {
            closeQuietly(socket);
            backendDown.run();
            return;
        }
        EndPoint client = request.getConnectionMetaData().getConnection().getEndPoint();
        TunnelConnection tunnel = new TunnelConnection(client, pumps, socket, ByteBuffer.wrap(head.rest()));
        request.setAttribute(HttpStream.UPGRADE_CONNECTION_ATTRIBUTE, tunnel);
        response.write(true, BufferUtil.EMPTY_BUFFER, callback);
    }

    /** The backend answered the upgrade with something else (401, 404...): pass that on. */
    private static void relayRefusal(Socket socket, BackendResponseHead head, Response response, Callback callback) {
        byte[] body = new byte[0];
        try {
            String length = head.field("content-length");
            if (length != null) {
                int n = Integer.parseInt(length.trim());
                if (n >= 0 && n <= MAX_REFUSAL_BODY) {
                    ByteArrayOutputStream b = new ByteArrayOutputStream(n);
                    b.write(head.rest(), 0, Math.min(n, head.rest().length));
                    InputStream in = socket.getInputStream();
                    while (b.size() < n) {
                        int c = in.read();
                        if (c < 0) {
                            break;
                        }
                        b.write(c);
                    }
                    body = b.toByteArray();
                }
            }
        } catch (IOException | NumberFormatException e) {
            body = new byte[0];
        } finally {
            closeQuietly(socket);
        }
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    private static String requestHead(Request request) {
        StringBuilder b = new StringBuilder(512);
        String target = request.getHttpURI().getPathQuery();
        b.append("GET ").append(target == null || target.isEmpty() ? "/" : target).append(" HTTP/1.1\r\n");
        for (HttpField f : request.getHeaders()) {
            String name = f.getName();
            if (name.equalsIgnoreCase(ForwardedHeaders.FOR) || name.equalsIgnoreCase(ForwardedHeaders.PROTO)
                    || name.equalsIgnoreCase(ForwardedHeaders.HOST)) {
                continue;
            }
            b.append(name).append(": ").append(f.getValue()).append("\r\n");
        }
        b.append(ForwardedHeaders.FOR).append(": ").append(ForwardedHeaders.forValue(request)).append("\r\n");
        b.append(ForwardedHeaders.PROTO).append(": ").append(ForwardedHeaders.protoValue(request)).append("\r\n");
        String host = request.getHeaders().get(HttpHeader.HOST);
        if (host != null) {
            b.append(ForwardedHeaders.HOST).append(": ").append(host).append("\r\n");
        }
        return b.append("\r\n").toString();
    }

    static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
