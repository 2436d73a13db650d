package io.slipway.core.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.slipway.core.pipeline.PipelineTestSupport;
import io.slipway.core.plugins.ExtensionRegistry;
import io.slipway.core.plugins.RegisteredExtension;
import io.slipway.plugin.api.ExtensionPointId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Live releases are probed every round; one {@code health_degraded} per fall from healthy, none otherwise. */
class ReleaseHealthMonitorTest {
    private static final List<String> PROPERTIES = List.of(
            "slipway.notifications.backoffMillis", "slipway.monitor.intervalMillis", "slipway.monitor.failures");
    private static final Duration LIMIT = Duration.ofSeconds(5);
    private static PipelineTestSupport t;
    private static HookReceiver receiver;
    private static final SwitchableHealthChecker CHECKER = new SwitchableHealthChecker();

    @BeforeAll
    static void start() {
        System.setProperty("slipway.notifications.backoffMillis", "30");
        System.setProperty("slipway.monitor.intervalMillis", "100");
        System.setProperty("slipway.monitor.failures", "3");
        t = PipelineTestSupport.start();
        t.ok(t.server.send("PATCH", "/api/v1/settings", "{\"notifications.allowHttp\": true}"), 200);
        t.server.core().service(ExtensionRegistry.class).put("monitor-test",
                List.of(new RegisteredExtension(ExtensionPointId.HEALTH, "monitor-test", CHECKER)));
        receiver = new HookReceiver();
    }

    @AfterAll
    static void stop() {
        PROPERTIES.forEach(System::clearProperty);
        receiver.close();
        t.close();
    }

    @Test
    void announcesOneDegradationWhenALiveReleaseTurnsUnhealthy() throws IOException {
        Path health = app("sickly", true);
        hook("sickly");
        long id = t.deploy("sickly");
        assertEquals("ACTIVE", t.awaitFinal(id).get("phase").asText());
        awaitProbes(health, 4);
        assertEquals(0, receiver.posts("/sickly").size(), "nothing is sent while healthy");

        Files.createFile(health.resolve(SwitchableHealthChecker.UNHEALTHY));
        await(() -> receiver.posts("/sickly").size() == 1, "a health_degraded delivery");
        awaitProbes(health, CHECKER.monitorProbes(health) + 5);
        List<HookReceiver.Post> posts = receiver.posts("/sickly");
        assertEquals(1, posts.size(), "later failed probes send nothing more: " + posts);
        assertEquals("health_degraded", posts.get(0).event());
        JsonNode body = PipelineTestSupport.read(posts.get(0).body());
        assertEquals("health_degraded", body.get("event").asText());
        assertEquals(String.valueOf(id), body.get("deploymentId").asText());
        assertEquals("sickly", body.get("app").asText());
        assertEquals("ACTIVE", body.get("phase").asText());
        assertEquals("GET /health answered 500", body.get("error").asText());
        Map<String, Object> row = row("sickly").orElseThrow();
        assertEquals(false, row.get("healthy"));
        assertEquals(id, ((Number) row.get("deployment_id")).longValue());
        assertEquals("GET /health answered 500", row.get("last_detail"));
    }

    @Test
    void recoversSilentlyAndAnnouncesTheNextDegradation() throws IOException {
        Path health = app("flappy", true);
        hook("flappy");
        t.awaitFinal(t.deploy("flappy"));
        Path unhealthy = health.resolve(SwitchableHealthChecker.UNHEALTHY);
        Files.createFile(unhealthy);
        await(() -> receiver.posts("/flappy").size() == 1, "the first health_degraded delivery");

        Files.delete(unhealthy);
        await(() -> row("flappy").map(r -> Boolean.TRUE.equals(r.get("healthy"))).orElse(false), "recovery");
        awaitProbes(health, CHECKER.monitorProbes(health) + 3);
        assertEquals(1, receiver.posts("/flappy").size(), "recovery sends nothing");

        Files.createFile(unhealthy);
        await(() -> receiver.posts("/flappy").size() == 2, "the second health_degraded delivery");
    }

    @Test
    void aFailedProbeOrTwoIsNoDegradation() throws IOException {
        Path health = app("blip", true);
        hook("blip");
        t.awaitFinal(t.deploy("blip"));
        awaitProbes(health, 2);
        Path unhealthy = health.resolve(SwitchableHealthChecker.UNHEALTHY);
        Files.createFile(unhealthy);
        int before = CHECKER.monitorProbes(health);
        awaitProbes(health, before + 1);
        Files.delete(unhealthy);
        awaitProbes(health, before + 6);
        assertEquals(0, receiver.posts("/blip").size());
        assertEquals(true, row("blip").orElseThrow().get("healthy"));
    }

    @Test
    void doesNotProbeAnAppWithoutAHealthChecker() {
        Path probed = app("checked", true);
        app("unchecked", false);
        hook("unchecked");
        t.awaitFinal(t.deploy("checked"));
        assertEquals("ACTIVE", t.awaitFinal(t.deploy("unchecked")).get("phase").asText());
        awaitProbes(probed, CHECKER.monitorProbes(probed) + 3);
        assertFalse(row("unchecked").isPresent(), "no state is kept for an app that is not probed");
        assertTrue(row("checked").isPresent());
        assertEquals(0, receiver.posts("/unchecked").size());
    }

    /** Creates an app of the pipeline's test extensions; with the switchable checker, returns its folder. */
    private static Path app(String name, boolean withHealth) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("project", "shop");
        body.put("name", name);
        for (String[] p : new String[][] {{"source", "test-source"}, {"builder", "test-builder"},
                {"deployer", "test-deployer"}}) {
            body.put(p[0], Map.of("type", p[1], "config", Map.of("behaviour", "ok", "millis", 0, "dir", t.dir.toString())));
        }
        Path dir = t.dir.resolve("health-" + name);
        if (withHealth) {
            body.put("health", Map.of("type", "switchable-health", "config", Map.of("dir", dir.toString())));
        }
        PipelineTestSupport.ok(t.server.postJson("/api/v1/apps", PipelineTestSupport.write(body)), 201);
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void hook(String app) {
        String body = PipelineTestSupport.write(Map.of("name", "hook " + app, "notifier", Map.of("type", "webhook",
                "config", Map.of("url", receiver.url("/" + app), "secret", "a-long-shared-secret-0123")),
                "events", List.of("health_degraded")));
        PipelineTestSupport.ok(t.server.postJson("/api/v1/apps/" + app + "/notification-targets", body), 201);
    }

    private static Optional<Map<String, Object>> row(String app) {
        return t.server.core().service(Jdbi.class).withHandle(h -> h.createQuery("SELECT r.healthy, r.deployment_id, "
                + "r.last_detail FROM release_health r JOIN apps a ON a.id = r.app_id WHERE a.name = :n")
                .bind("n", app).mapToMap().findOne());
    }

    private static void awaitProbes(Path health, int atLeast) {
        await(() -> CHECKER.monitorProbes(health) >= atLeast, atLeast + " monitor probes of " + health);
    }

    private static void await(BooleanSupplier done, String what) {
        long until = System.nanoTime() + LIMIT.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError(what + " did not happen within " + LIMIT);
            }
            PipelineTestSupport.sleep(20);
        }
    }
}
