package io.slipway.core.cluster;

import static io.slipway.core.pipeline.PipelineTestSupport.ok;
import static io.slipway.core.pipeline.PipelineTestSupport.read;
import static io.slipway.core.pipeline.PipelineTestSupport.write;

import com.fasterxml.jackson.databind.JsonNode;
import io.slipway.core.pipeline.PipelineTestSupport;
import io.slipway.core.pipeline.testext.TestExtensions;
import io.slipway.core.plugins.ExtensionRegistry;
import io.slipway.core.testing.TestPostgres;
import io.slipway.core.testing.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Several test servers on one fresh PostgreSQL database, with the pipeline's stand-in
 * extensions (as {@link PipelineTestSupport} uses) registered on each. Apps are made through the
 * first server; any server may be asked about any deployment.
 */
final class ClusterFixture implements AutoCloseable {
    final TestPostgres.Db db;
    final List<TestServer> servers = new ArrayList<>();
    final Path effects;

    private ClusterFixture(TestPostgres.Db db, Path effects) {
        this.db = db;
        this.effects = effects;
    }

    static ClusterFixture start(int serverCount) {
        TestPostgres.Db db = TestPostgres.freshDatabase();
        ClusterFixture f;
        try {
            f = new ClusterFixture(db, Files.createTempDirectory("slipway-cluster-effects-"));
        } catch (IOException e) {
            db.close();
            throw new UncheckedIOException(e);
        }
        try {
            for (int i = 0; i < serverCount; i++) {
                f.addServer();
            }
            ok(f.servers.get(0).postJson("/api/v1/projects", "{\"name\":\"shop\"}"), 201);
            return f;
        } catch (RuntimeException | Error e) {
            f.close();
            throw e;
        }
    }

    TestServer addServer() {
        TestServer s = TestServer.startOnPostgres(db.url(), Optional.empty());
        TestExtensions.register(s.core().service(ExtensionRegistry.class));
        servers.add(s);
        return s;
    }

    TestServer server(int i) {
        return servers.get(i);
    }

    /** An app whose phases behave as {@code behaviours} says (point to ok/slow/block/fail). */
    void app(String name, Map<String, String> behaviours, Map<String, Long> millis) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("project", "shop");
        body.put("name", name);
        String[][] points = {{"source", "test-source"}, {"builder", "test-builder"}, {"deployer", "test-deployer"},
                {"health", "test-health"}};
        for (String[] p : points) {
            body.put(p[0], Map.of("type", p[1], "config", Map.of("behaviour", behaviours.getOrDefault(p[0], "ok"),
                    "millis", millis.getOrDefault(p[0], 0L), "dir", effects.toString())));
        }
        ok(server(0).postJson("/api/v1/apps", write(body)), 201);
    }

    long deploy(TestServer via, String app) {
        HttpResponse<String> r = via.postJson("/api/v1/apps/" + app + "/deployments", "{}");
        ok(r, 202);
        return read(r.body()).get("id").asLong();
    }

    JsonNode get(TestServer via, long id) {
        HttpResponse<String> r = via.get("/api/v1/deployments/" + id);
        ok(r, 200);
        return read(r.body());
    }

    JsonNode await(TestServer via, long id, Predicate<JsonNode> done, Duration limit) {
        long until = System.nanoTime() + limit.toNanos();
        JsonNode d = get(via, id);
        while (!done.test(d)) {
            if (System.nanoTime() > until) {
                throw new AssertionError("deployment " + id + " did not get there in " + limit + ": " + d);
            }
            PipelineTestSupport.sleep(25);
            d = get(via, id);
        }
        return d;
    }

    JsonNode awaitFinal(TestServer via, long id, Duration limit) {
        return await(via, id, d -> PipelineTestSupport.FINAL.contains(d.get("phase").asText()), limit);
    }

    /** How often each phase of deployment {@code id} started ({@code <id>-<PHASE>-<nanos>.start} files). */
    Map<String, Integer> starts(long id) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(effects)) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(id + "-") && n.endsWith(".start"))
                    .map(n -> n.substring((id + "-").length(), n.lastIndexOf('-')))
                    .forEach(phase -> counts.merge(phase, 1, Integer::sum));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return counts;
    }

    @Override
    public void close() {
        for (TestServer s : servers) {
            try {
                s.close();
            } catch (RuntimeException ignored) {
                // closed already by the test
            }
        }
        db.close();
        try (Stream<Path> files = Files.walk(effects)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp folder left behind is harmless
        }
    }
}
