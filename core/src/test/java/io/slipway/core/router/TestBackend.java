package io.slipway.core.router;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * A tiny HTTP backend on 127.0.0.1 answering every request with its name and the request target;
 * remembers the last request's headers. (Jetty rather than com.sun.net.httpserver: the JDK server
 * leaves Nagle on and stalls keep-alive responses by about 40 ms.)
 */
final class TestBackend implements AutoCloseable {
    private final Server server = new Server();
    private final AtomicReference<List<HttpField>> lastHeaders = new AtomicReference<>(List.of());

    private TestBackend(String name) {
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                lastHeaders.set(request.getHeaders().stream().toList());
                byte[] body = (name + " " + request.getHttpURI().getPathQuery()).getBytes(StandardCharsets.UTF_8);
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain");
                response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
                response.write(true, ByteBuffer.wrap(body), callback);
                return true;
            }
        });
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static TestBackend start(String name) {
        return new TestBackend(name);
    }

    int port() {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    /** A header of the last request, as the backend received it (names are case-insensitive). */
    String lastHeader(String name) {
        return lastHeaders.get().stream().filter(f -> f.getName().equalsIgnoreCase(name)).map(HttpField::getValue)
                .reduce((a, b) -> a + "," + b).orElse(null);
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception ignored) {
            // stopping anyway
        }
    }
}
