package io.slipway.plugins.gitlab;

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
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A server on 127.0.0.1 answering like GitLab's REST API v4 for one project, {@code acme/shop}
 * (addressed by its URL-encoded path, as gitlab4j sends it): {@code GET /projects/:id},
 * {@code POST /projects/:id/statuses/:sha}, {@code GET /projects/:id/merge_requests/:iid} (as set in
 * {@link #mergeRequests}) and merge request notes (list, create, update). Notes
 * are kept, so a second call sees the first one's; every call is recorded with its form or JSON
 * fields.
 */
final class FakeGitLab implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String PROJECT = "/api/v4/projects/acme%2Fshop";

    record Call(String method, String rawPath, String privateToken, Map<String, String> fields) {
    }

    final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<Long, ObjectNode> notes = new ConcurrentHashMap<>();
    /** Merge requests by iid: "opened", "closed", "merged" or "locked"; others answer 404. */
    final Map<Integer, String> mergeRequests = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong(300);
    /** The next status POST answers 400 "Cannot transition status" (GitLab's answer to a repeated state). */
    volatile boolean refuseSameState;
    private final HttpServer server;

    FakeGitLab() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Call> calls(String method, String rawPathPrefix) {
        return calls.stream().filter(c -> c.method().equals(method) && c.rawPath().startsWith(rawPathPrefix)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        String raw = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> fields = fields(raw, exchange.getRequestHeaders().getFirst("Content-Type"));
        String query = exchange.getRequestURI().getRawQuery();
        if (query != null) {
            fields.putAll(fields(query, "application/x-www-form-urlencoded"));
        }
        calls.add(new Call(method, path, exchange.getRequestHeaders().getFirst("PRIVATE-TOKEN"), fields));
        JsonNode answer;
        int status = 200;
        if (method.equals("GET") && path.equals(PROJECT)) {
            answer = JSON.createObjectNode().put("id", 3).put("path_with_namespace", "acme/shop").put("default_branch", "main")
                    .put("http_url_to_repo", "https://gitlab.example.org/acme/shop.git");
        } else if (method.equals("POST") && path.startsWith(PROJECT + "/statuses/")) {
            if (refuseSameState) {
                refuseSameState = false;
                status = 400;
                answer = JSON.createObjectNode().put("message", "Cannot transition status via :run from :running");
            } else {
                status = 201;
                answer = JSON.createObjectNode().put("id", ids.incrementAndGet()).put("status", fields.get("state"))
                        .put("name", fields.get("name")).put("sha", path.substring(path.lastIndexOf('/') + 1));
            }
        } else if (method.equals("GET") && path.matches(PROJECT + "/merge_requests/\\d+")
                && mergeRequests.containsKey(Integer.parseInt(path.substring(path.lastIndexOf('/') + 1)))) {
            int iid = Integer.parseInt(path.substring(path.lastIndexOf('/') + 1));
            answer = JSON.createObjectNode().put("id", 5000 + iid).put("iid", iid).put("project_id", 3)
                    .put("state", mergeRequests.get(iid)).put("title", "Change " + iid)
                    .put("web_url", "https://gitlab.example.org/acme/shop/-/merge_requests/" + iid);
        } else if (method.equals("GET") && path.matches(PROJECT + "/merge_requests/\\d+/notes")) {
            ArrayNode list = JSON.createArrayNode();
            notes.values().forEach(list::add);
            answer = list;
        } else if (method.equals("POST") && path.matches(PROJECT + "/merge_requests/\\d+/notes")) {
            status = 201;
            long id = ids.incrementAndGet();
            ObjectNode note = JSON.createObjectNode().put("id", id).put("body", fields.get("body")).put("noteable_type", "MergeRequest");
            notes.put(id, note);
            answer = note;
        } else if (method.equals("PUT") && path.matches(PROJECT + "/merge_requests/\\d+/notes/\\d+")) {
            ObjectNode note = notes.get(Long.parseLong(path.substring(path.lastIndexOf('/') + 1)));
            note.put("body", fields.get("body"));
            answer = note;
        } else {
            status = 404;
            answer = JSON.createObjectNode().put("message", "404 Not Found");
        }
        byte[] out = JSON.writeValueAsBytes(answer);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, out.length);
        exchange.getResponseBody().write(out);
        exchange.close();
    }

    private static Map<String, String> fields(String raw, String contentType) throws IOException {
        Map<String, String> fields = new HashMap<>();
        if (raw.isBlank()) {
            return fields;
        }
        if (contentType != null && contentType.contains("json")) {
            JSON.readTree(raw).fields().forEachRemaining(e -> fields.put(e.getKey(), e.getValue().asText()));
            return fields;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            fields.put(key, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return fields;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
