package io.slipway.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts Slipway as a separate process, kills it with SIGKILL while deployments are blocked in
 * each phase (and one waits in the queue), restarts it and checks: no deployment lost, no phase
 * that completed ran again, none left unfinished, no release left that nothing wants.
 */
class CrashRecoveryTest {
    private static final List<String> BLOCKING = List.of("source", "builder", "deployer", "health");
    private static final Map<String, String> PHASE_OF = Map.of("source", "FETCHING_SOURCE", "builder", "BUILDING",
            "deployer", "DEPLOYING", "health", "HEALTH_CHECKING");

    @TempDir
    Path tmp;
    private Process slipway;
    private int port;
    private final HttpClient http = io.slipway.core.testing.AuthenticatingHttpClient.withBearer(
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build(), io.slipway.core.testing.TestServer.ADMIN_TOKEN);

    @AfterEach
    void kill() {
        if (slipway != null) {
            slipway.destroyForcibly();
        }
    }

    @Test
    void killedMidPhaseThenRestartedLosesNothingAndRunsNothingTwice() throws Exception {
        Path home = Files.createDirectories(tmp.resolve("home"));
        Path plugins = tmp.resolve("plugins");
        TestPluginJar.write(plugins);
        Path effects = Files.createDirectories(tmp.resolve("effects"));
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        slipway = launch(home, plugins, "first.log");
        awaitUp();
        ok(post("/api/v1/projects", "{\"name\":\"crash\"}"), 201);

        Map<String, Long> blocked = new LinkedHashMap<>();
        for (String point : BLOCKING) {
            String app = "blocks-" + point;
            ok(post("/api/v1/apps", appBody(app, point, effects)), 201);
            blocked.put(point, deploy(app));
        }
        long queued = deploy("blocks-builder"); // waits behind the blocked build
        for (String point : BLOCKING) {
            long id = blocked.get(point);
            awaitPhase(id, PHASE_OF.get(point));
            awaitFile(effects, id + "-" + PHASE_OF.get(point) + "-", ".start");
        }
        assertEquals("QUEUED", get(queued).get("phase").asText());

        slipway.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook runs
        Files.write(effects.resolve("go"), new byte[0]);
        slipway = launch(home, plugins, "second.log");
        awaitUp();

        List<Long> all = new ArrayList<>(blocked.values());
        all.add(queued);
        for (long id : all) {
            JsonNode d = awaitFinal(id);
            assertEquals("ACTIVE", d.get("phase").asText(), "deployment " + id + ": " + d + "\n" + log(id));
        }
        for (String point : BLOCKING) {
            long id = blocked.get(point);
            String interrupted = PHASE_OF.get(point);
            for (String phase : PHASE_OF.values()) {
                long starts = count(effects, id + "-" + phase + "-", ".start");
                long dones = count(effects, id + "-" + phase + "-", ".done");
                assertEquals(1, dones, id + " " + phase + " completed once");
                int before = List.of("FETCHING_SOURCE", "BUILDING", "DEPLOYING", "HEALTH_CHECKING").indexOf(phase);
                int at = List.of("FETCHING_SOURCE", "BUILDING", "DEPLOYING", "HEALTH_CHECKING").indexOf(interrupted);
                assertEquals(phase.equals(interrupted) ? 2 : 1, starts,
                        id + " " + phase + " started " + starts + " times (interrupted in " + interrupted + ")");
                assertTrue(before != at || starts == 2);
            }
            assertTrue(log(id).contains("Resuming at " + interrupted), log(id));
        }
        // Only the live release of each app is left once the grace periods passed.
        long until = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        List<String> releases = releases(effects);
        while (releases.size() != BLOCKING.size() && System.nanoTime() < until) {
            Thread.sleep(200);
            releases = releases(effects);
        }
        assertEquals(BLOCKING.size(), releases.size(), releases.toString());
        JsonNode status = PipelineTestSupport.read(http.send(HttpRequest.newBuilder(uri("/api/v1/status")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        assertEquals(BLOCKING.size(), status.get("reconciler").get("resumed").asLong(), status.toString());
    }

    private Process launch(Path home, Path plugins, String logName) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "-Dslipway.bundled.plugins=" + plugins,
                "-Dslipway.pipeline.staleAfterMillis=1000", "-Dslipway.pipeline.reconcileEveryMillis=500",
                "-Dslipway.pipeline.heartbeatMillis=200", "-Dslipway.pipeline.retireGraceMillis=200",
                "io.slipway.core.server.EmbeddedServer");
        pb.environment().put("SLIPWAY_HOME", home.toString());
        pb.environment().put("SLIPWAY_PORT", String.valueOf(port));
        pb.environment().put("SLIPWAY_ADMIN_TOKEN", io.slipway.core.testing.TestServer.ADMIN_TOKEN);
        pb.redirectErrorStream(true).redirectOutput(tmp.resolve(logName).toFile());
        return pb.start();
    }

    private void awaitUp() throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < until) {
            try {
                if (http.send(HttpRequest.newBuilder(uri("/api/v1/health")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            assertTrue(slipway.isAlive(), "Slipway exited: " + Files.readString(tmp.resolve("second.log").toFile().exists()
                    ? tmp.resolve("second.log") : tmp.resolve("first.log")));
            Thread.sleep(100);
        }
        throw new AssertionError("Slipway did not come up on port " + port);
    }

    private String appBody(String app, String blockingPoint, Path effects) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("project", "crash");
        body.put("name", app);
        Map<String, String> types = Map.of("source", "test-source", "builder", "test-builder",
                "deployer", "test-deployer", "health", "test-health");
        for (String point : BLOCKING) {
            body.put(point, Map.of("type", types.get(point), "config", Map.of(
                    "behaviour", point.equals(blockingPoint) ? "block" : "ok", "dir", effects.toString())));
        }
        return PipelineTestSupport.write(body);
    }

    private long deploy(String app) throws Exception {
        HttpResponse<String> r = post("/api/v1/apps/" + app + "/deployments", "{}");
        ok(r, 202);
        return PipelineTestSupport.read(r.body()).get("id").asLong();
    }

    private JsonNode get(long id) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri("/api/v1/deployments/" + id)).build(),
                HttpResponse.BodyHandlers.ofString());
        ok(r, 200);
        return PipelineTestSupport.read(r.body());
    }

    private String log(long id) throws Exception {
        return http.send(HttpRequest.newBuilder(uri("/api/v1/deployments/" + id + "/log")).header("Accept", "text/plain")
                .build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private void awaitPhase(long id, String phase) throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!get(id).get("phase").asText().equals(phase)) {
            assertTrue(System.nanoTime() < until, "deployment " + id + " never reached " + phase + ": " + get(id));
            Thread.sleep(50);
        }
    }

    private JsonNode awaitFinal(long id) throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode d = get(id);
        while (!PipelineTestSupport.FINAL.contains(d.get("phase").asText())) {
            assertTrue(System.nanoTime() < until, "deployment " + id + " left unfinished: " + d + "\n" + log(id));
            Thread.sleep(100);
            d = get(id);
        }
        return d;
    }

    private static void awaitFile(Path dir, String prefix, String suffix) throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (count(dir, prefix, suffix) == 0) {
            assertTrue(System.nanoTime() < until, "no " + prefix + "*" + suffix);
            Thread.sleep(50);
        }
    }

    private static long count(Path dir, String prefix, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(prefix) && n.endsWith(suffix))
                    .count();
        }
    }

    private static List<String> releases(Path effects) throws IOException {
        try (Stream<Path> files = Files.list(effects.resolve("releases"))) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private HttpResponse<String> post(String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void ok(HttpResponse<String> r, int status) {
        assertEquals(status, r.statusCode(), r.body());
    }
}
