package io.slipway.core.notifications;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * An HTTP server on 127.0.0.1 that records what it receives and answers like Slack's Web API
 * ({@code .../chat.postMessage} → {@code {"ok":true,"channel":"C1","ts":"1700000000.000100"}},
 * {@code .../chat.update} → ok) or a plain receiver ({@code 200 ok}). {@link #answer} scripts the
 * next answers of a path: {@code "error:channel_not_found"} ({@code ok:false}, HTTP 200),
 * {@code "429"} (with {@code Retry-After: 1}) or {@code "http:500"}.
 */
final class FakeEndpoint implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Request(String path, Headers headers, byte[] body, long atNanos) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, List<String>> scripted = new ConcurrentHashMap<>();
    private final HttpServer server;

    FakeEndpoint() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            requests.add(new Request(path, exchange.getRequestHeaders(), exchange.getRequestBody().readAllBytes(),
                    System.nanoTime()));
            List<String> script = scripted.getOrDefault(path, List.of());
            String next = script.isEmpty() ? "ok" : script.remove(0);
            int status = 200;
            String answer;
            if (next.equals("429")) {
                status = 429;
                exchange.getResponseHeaders().add("Retry-After", "1");
                answer = "{\"ok\":false,\"error\":\"ratelimited\"}";
            } else if (next.startsWith("http:")) {
                status = Integer.parseInt(next.substring(5));
                answer = "nope";
            } else if (next.startsWith("error:")) {
                answer = "{\"ok\":false,\"error\":\"" + next.substring(6) + "\"}";
            } else if (path.endsWith("chat.postMessage") || path.endsWith("chat.update")) {
                answer = "{\"ok\":true,\"channel\":\"C1\",\"ts\":\"1700000000.000100\"}";
            } else {
                answer = "ok";
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

    List<Request> requests(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    /** Waits until the requests to {@code path} satisfy {@code done}. */
    List<Request> await(String path, Predicate<List<Request>> done, Duration limit) {
        long until = System.nanoTime() + limit.toNanos();
        while (!done.test(requests(path))) {
            if (System.nanoTime() > until) {
                throw new AssertionError("requests to " + path + " did not arrive in " + limit + ": " + requests(path).size());
            }
            sleep(20);
        }
        return requests(path);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
