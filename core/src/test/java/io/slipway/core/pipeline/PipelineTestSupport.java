package io.slipway.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slipway.core.pipeline.testext.TestExtensions;
import io.slipway.core.plugins.ExtensionRegistry;
import io.slipway.core.testing.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Builds apps over the REST API whose extensions are the test ones, and waits for deployments.
 *
 * <pre>{@code
 * PipelineTestSupport t = PipelineTestSupport.start();
 * t.app("web", Map.of("builder", "fail"));
 * long id = t.deploy("web");
 * JsonNode d = t.awaitFinal(id);
 * }</pre>
 */
public final class PipelineTestSupport implements AutoCloseable {
    public static final ObjectMapper JSON = new ObjectMapper();
    public static final Set<String> FINAL = Set.of("ACTIVE", "FAILED", "CANCELLED", "SUPERSEDED", "ROLLED_BACK");

    public final TestServer server;
    public final Path dir;

    private PipelineTestSupport(TestServer server, Path dir) {
        this.server = server;
        this.dir = dir;
    }

    public static PipelineTestSupport start() {
        return start(Optional.empty());
    }

    /** With the plugin JARs of a folder installed as bundled plugins. */
    public static PipelineTestSupport start(Optional<Path> bundledPlugins) {
        TestServer server = TestServer.start(bundledPlugins, 10L * 1024 * 1024);
        TestExtensions.register(server.core().service(ExtensionRegistry.class));
        try {
            Path dir = Files.createDirectories(server.home().resolve("test-effects"));
            PipelineTestSupport t = new PipelineTestSupport(server, dir);
            t.ok(server.postJson("/api/v1/projects", "{\"name\":\"shop\"}"), 201);
            return t;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates an app; {@code behaviours} maps point (source, builder, deployer, health) to a behaviour. */
    public void app(String name, Map<String, String> behaviours) {
        app(name, behaviours, Map.of());
    }

    public void app(String name, Map<String, String> behaviours, Map<String, Long> millis) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("project", "shop");
        body.put("name", name);
        String[][] points = {{"source", "test-source"}, {"builder", "test-builder"}, {"deployer", "test-deployer"},
                {"health", "test-health"}};
        for (String[] p : points) {
            Map<String, Object> config = new LinkedHashMap<>();
            config.put("behaviour", behaviours.getOrDefault(p[0], "ok"));
            config.put("millis", millis.getOrDefault(p[0], 0L));
            config.put("dir", dir.toString());
            body.put(p[0], Map.of("type", p[1], "config", config));
        }
        ok(server.postJson("/api/v1/apps", write(body)), 201);
    }

    public long deploy(String app) {
        return deploy(app, "{}");
    }

    public long deploy(String app, String body) {
        HttpResponse<String> r = server.postJson("/api/v1/apps/" + app + "/deployments", body);
        ok(r, 202);
        return read(r.body()).get("id").asLong();
    }

    public JsonNode get(long id) {
        HttpResponse<String> r = server.get("/api/v1/deployments/" + id);
        ok(r, 200);
        return read(r.body());
    }

    public JsonNode awaitFinal(long id) {
        return await(id, d -> FINAL.contains(d.get("phase").asText()), Duration.ofSeconds(20));
    }

    public JsonNode awaitPhase(long id, String phase) {
        return await(id, d -> d.get("phase").asText().equals(phase), Duration.ofSeconds(20));
    }

    public JsonNode await(long id, Predicate<JsonNode> done, Duration limit) {
        long until = System.nanoTime() + limit.toNanos();
        JsonNode d = get(id);
        while (!done.test(d)) {
            if (System.nanoTime() > until) {
                throw new AssertionError("deployment " + id + " did not get there in " + limit + ": " + d + "\nlog:\n"
                        + log(id));
            }
            sleep(20);
            d = get(id);
        }
        return d;
    }

    public String log(long id) {
        HttpResponse<String> r = server.send(java.net.http.HttpRequest.newBuilder(server.uri("/api/v1/deployments/" + id
                + "/log")).header("Accept", "text/plain").GET().build());
        return r.body();
    }

    /** Side-effect files of completed phase executions of one deployment, e.g. {@code 3-BUILDING}. */
    public List<String> done(long id) {
        return effects(id, ".done");
    }

    public List<String> effects(long id, String suffix) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(id + "-") && n.endsWith(suffix))
                    .map(n -> n.substring(0, n.lastIndexOf('-'))).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<String> releases() {
        Path releases = dir.resolve("releases");
        if (!Files.isDirectory(releases)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(releases)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void go() {
        try {
            Files.write(dir.resolve("go"), new byte[0]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Pipeline pipeline() {
        return server.core().service(Pipeline.class);
    }

    public Optional<ActiveRelease> active(String app) {
        long appId = server.core().service(org.jdbi.v3.core.Jdbi.class).withHandle(h -> h.createQuery(
                "SELECT id FROM apps WHERE name = :n").bind("n", app).mapTo(Long.class).one());
        return pipeline().traffic().active(appId, "production");
    }

    public static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void ok(HttpResponse<String> r, int status) {
        assertEquals(status, r.statusCode(), r.body());
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
