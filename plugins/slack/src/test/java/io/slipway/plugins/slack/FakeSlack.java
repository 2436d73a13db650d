package io.slipway.plugins.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A server on 127.0.0.1 that answers like Slack's Web API ({@code /api/chat.postMessage},
 * {@code /api/chat.update}, {@code /api/auth.test}) and an incoming webhook ({@code /hook}).
 * {@link #answer} scripts the next answers of a path: "error:code" ({@code ok:false} with HTTP 200),
 * "429" (with {@code Retry-After: 1}) or "http:404:no_service".
 */
final class FakeSlack implements AutoCloseable {
    record Call(String path, String authorization, JsonNode body) {
    }

    final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<String, List<String>> scripted = new ConcurrentHashMap<>();
    private final HttpServer server;

    FakeSlack() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            JsonNode body = SlackMessage.JSON.readTree(exchange.getRequestBody().readAllBytes());
            calls.add(new Call(path, exchange.getRequestHeaders().getFirst("Authorization"), body));
            List<String> script = scripted.getOrDefault(path, List.of());
            String next = script.isEmpty() ? "ok" : script.remove(0);
            int status = 200;
            String answer;
            if (next.equals("429")) {
                status = 429;
                exchange.getResponseHeaders().add("Retry-After", "1");
                answer = "{\"ok\":false,\"error\":\"ratelimited\"}";
            } else if (next.startsWith("http:")) {
                String[] p = next.split(":");
                status = Integer.parseInt(p[1]);
                answer = p[2];
            } else if (next.startsWith("error:")) {
                answer = "{\"ok\":false,\"error\":\"" + next.substring(6) + "\"}";
            } else if (path.equals("/hook")) {
                answer = "ok";
            } else if (path.endsWith("chat.postMessage")) {
                answer = "{\"ok\":true,\"channel\":\"C1\",\"ts\":\"1700000000.000100\"}";
            } else if (path.endsWith("auth.test")) {
                answer = "{\"ok\":true,\"team\":\"Acme\",\"user\":\"slipway\"}";
            } else {
                answer = "{\"ok\":true,\"channel\":\"C1\",\"ts\":\"1700000000.000100\"}";
            }
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    void answer(String path, String... answers) {
        scripted.put(path, new CopyOnWriteArrayList<>(List.of(answers)));
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    List<Call> calls(String path) {
        return calls.stream().filter(c -> c.path().equals(path)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
