package io.slipway.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DeploymentNotificationsTest {
    private static PipelineTestSupport t;

    @BeforeAll
    static void start() {
        System.setProperty("slipway.notifications.backoffMillis", "20");
        System.setProperty("slipway.notifications.attempts", "3");
        t = PipelineTestSupport.start();
    }

    @AfterAll
    static void stop() {
        System.clearProperty("slipway.notifications.backoffMillis");
        System.clearProperty("slipway.notifications.attempts");
        t.close();
    }

    private static void notifier(String app, String behaviour) {
        String body = PipelineTestSupport.write(Map.of("name", "test", "notifier", Map.of("type", "test-notifier",
                "config", Map.of("behaviour", behaviour, "dir", t.dir.toString())), "events",
                List.of("queued", "started", "progress", "succeeded", "failed")));
        PipelineTestSupport.ok(t.server.postJson("/api/v1/apps/" + app + "/notification-targets", body), 201);
    }

    @Test
    void everyPhaseChangeReachesTheAppsNotifiers() {
        t.app("told", Map.of());
        notifier("told", "ok");
        long id = t.deploy("told");
        t.awaitFinal(id);
        for (String phase : new String[] {"FETCHING_SOURCE", "BUILDING", "DEPLOYING", "HEALTH_CHECKING",
                "SWITCHING_TRAFFIC", "ACTIVE"}) {
            awaitFile(id + "-" + phase);
        }
    }

    @Test
    void aFailingNotifierIsRetriedWithBackOffAndNeverFailsTheDeployment() {
        t.app("unheard", Map.of());
        notifier("unheard", "fail");
        long id = t.deploy("unheard");
        assertEquals("ACTIVE", t.awaitFinal(id).get("phase").asText());
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        JsonNode active;
        do {
            JsonNode items = PipelineTestSupport.read(t.server.get("/api/v1/deployments/" + id + "/notifications").body())
                    .get("items");
            active = null;
            for (JsonNode n : items) {
                if (n.get("phase").asText().equals("ACTIVE") && n.get("status").asText().equals("FAILED")) {
                    active = n;
                }
            }
            PipelineTestSupport.sleep(50);
        } while (active == null && System.nanoTime() < until);
        assertTrue(active != null, "the ACTIVE event was given up on after its attempts");
        assertEquals(3, active.get("attempts").asInt());
        assertTrue(active.get("lastError").asText().contains("test notifier is down"), active.toString());
        assertTrue(t.server.get("/deployments/" + id).body().contains("test notifier is down"));
    }

    private static void awaitFile(String name) {
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!Files.exists(t.dir.resolve("events").resolve(name))) {
            assertTrue(System.nanoTime() < until, "no event " + name);
            PipelineTestSupport.sleep(20);
        }
    }
}
