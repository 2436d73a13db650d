package io.slipway.plugins.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A server on 127.0.0.1 answering like GitHub's REST API for one repository, {@code acme/shop}:
 * {@code GET /repos/{o}/{r}}, pull requests ({@code GET .../pulls/{n}}, as set in {@link #pullRequests}),
 * commit statuses, deployments and their statuses, issue comments
 * (create, list, update) and the GitHub App endpoints ({@code GET /app},
 * {@code GET /app/installations/{id}}, {@code POST .../access_tokens}). It keeps what is created,
 * so a second call sees the first one's deployment or comment, and records every call.
 */
final class FakeGitHub implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    record Call(String method, String path, String query, String authorization, JsonNode body) {
    }

    final List<Call> calls = new CopyOnWriteArrayList<>();
    private final List<ObjectNode> deployments = new CopyOnWriteArrayList<>();
    private final Map<Long, ObjectNode> comments = new ConcurrentHashMap<>();
    /** Pull requests by number: "open", "closed" or "merged"; others answer 404. */
    final Map<Integer, String> pullRequests = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger(1000);
    private final AtomicInteger tokens = new AtomicInteger();
    /** When the installation tokens this server hands out expire. */
    volatile Instant tokenExpiry = Instant.parse("2030-01-01T01:00:00Z");
    private final HttpServer server;

    FakeGitHub() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    String apiUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Call> calls(String method, String pathPrefix) {
        return calls.stream().filter(c -> c.method().equals(method) && c.path().startsWith(pathPrefix)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        byte[] raw = exchange.getRequestBody().readAllBytes();
        JsonNode body = raw.length == 0 ? JSON.createObjectNode() : JSON.readTree(raw);
        calls.add(new Call(method, path, exchange.getRequestURI().getQuery(),
                exchange.getRequestHeaders().getFirst("Authorization"), body));
        String base = apiUrl();
        String repo = "/repos/acme/shop";
        JsonNode answer;
        int status = 200;
        if (method.equals("GET") && path.equals(repo)) {
            answer = JSON.createObjectNode().put("id", 1296269).put("name", "shop").put("full_name", "acme/shop")
                    .put("url", base + repo).put("html_url", "https://github.com/acme/shop").put("default_branch", "main")
                    .set("owner", JSON.createObjectNode().put("login", "acme").put("id", 1).put("type", "Organization"));
        } else if (method.equals("POST") && path.startsWith(repo + "/statuses/")) {
            status = 201;
            answer = ((ObjectNode) body.deepCopy()).put("id", ids.incrementAndGet()).put("url", base + path);
        } else if (method.equals("GET") && path.equals(repo + "/deployments")) {
            String query = exchange.getRequestURI().getQuery();
            ArrayNode list = JSON.createArrayNode();
            deployments.stream().filter(d -> query == null
                            || (query.contains("sha=" + d.path("sha").asText()) && query.contains("environment=" + d.path("environment").asText())))
                    .forEach(list::add);
            answer = list;
        } else if (method.equals("POST") && path.equals(repo + "/deployments")) {
            status = 201;
            int id = ids.incrementAndGet();
            ObjectNode deployment = JSON.createObjectNode().put("id", id).put("url", base + repo + "/deployments/" + id)
                    .put("sha", body.path("ref").asText()).put("ref", body.path("ref").asText())
                    .put("environment", body.path("environment").asText()).put("task", "deploy")
                    .put("statuses_url", base + repo + "/deployments/" + id + "/statuses")
                    .put("repository_url", base + repo).put("created_at", "2030-01-01T00:00:00Z");
            deployments.add(deployment);
            answer = deployment;
        } else if (method.equals("POST") && path.matches(repo + "/deployments/\\d+/statuses")) {
            status = 201;
            answer = ((ObjectNode) body.deepCopy()).put("id", ids.incrementAndGet()).put("url", base + path);
        } else if (method.equals("GET") && path.matches(repo + "/issues/\\d+")) {
            int number = Integer.parseInt(path.substring(path.lastIndexOf('/') + 1));
            answer = JSON.createObjectNode().put("id", 7000 + number).put("number", number).put("state", "open")
                    .put("url", base + path).put("comments_url", base + path + "/comments")
                    .set("pull_request", JSON.createObjectNode().put("url", base + repo + "/pulls/" + number));
        } else if (method.equals("GET") && path.matches(repo + "/pulls/\\d+")
                && pullRequests.containsKey(Integer.parseInt(path.substring(path.lastIndexOf('/') + 1)))) {
            int number = Integer.parseInt(path.substring(path.lastIndexOf('/') + 1));
            String state = pullRequests.get(number);
            boolean merged = state.equals("merged");
            answer = JSON.createObjectNode().put("id", 9000 + number).put("number", number)
                    .put("state", merged ? "closed" : state).put("merged", merged)
                    .put("merged_at", merged ? "2030-01-01T00:00:00Z" : null).put("mergeable_state", "clean")
                    .put("url", base + path).put("html_url", "https://github.com/acme/shop/pull/" + number);
        } else if (method.equals("GET") && path.matches(repo + "/issues/\\d+/comments")) {
            ArrayNode list = JSON.createArrayNode();
            comments.values().forEach(list::add);
            answer = list;
        } else if (method.equals("POST") && path.matches(repo + "/issues/\\d+/comments")) {
            status = 201;
            long id = ids.incrementAndGet();
            ObjectNode comment = JSON.createObjectNode().put("id", id).put("body", body.path("body").asText())
                    .put("url", base + repo + "/issues/comments/" + id);
            comments.put(id, comment);
            answer = comment;
        } else if (method.equals("PATCH") && path.matches(repo + "/issues/comments/\\d+")) {
            long id = Long.parseLong(path.substring(path.lastIndexOf('/') + 1));
            ObjectNode comment = comments.get(id);
            comment.put("body", body.path("body").asText());
            answer = comment;
        } else if (method.equals("GET") && path.equals("/app")) {
            answer = JSON.createObjectNode().put("id", 4242).put("slug", "slipway").put("name", "Slipway");
        } else if (method.equals("GET") && path.matches("/app/installations/\\d+")) {
            answer = JSON.createObjectNode().put("id", Long.parseLong(path.substring(path.lastIndexOf('/') + 1)))
                    .put("app_id", 4242).put("access_tokens_url", base + path + "/access_tokens");
        } else if (method.equals("POST") && path.matches("/app/installations/\\d+/access_tokens")) {
            status = 201;
            answer = JSON.createObjectNode().put("token", "ghs_token" + tokens.incrementAndGet())
                    .put("expires_at", tokenExpiry.toString());
        } else {
            status = 404;
            answer = JSON.createObjectNode().put("message", "Not Found");
        }
        byte[] out = JSON.writeValueAsString(answer).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, out.length);
        exchange.getResponseBody().write(out);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
