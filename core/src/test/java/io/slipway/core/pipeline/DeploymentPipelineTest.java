package io.slipway.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DeploymentPipelineTest {
    private static PipelineTestSupport t;

    @BeforeAll
    static void start() {
        t = PipelineTestSupport.start();
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    @Test
    void deploymentRunsEveryPhaseOnceAndGoesLive() {
        t.app("happy", Map.of());
        long id = t.deploy("happy");
        JsonNode d = t.awaitFinal(id);
        assertEquals("ACTIVE", d.get("phase").asText(), t.log(id));
        assertEquals(100, d.get("progress").asInt());
        assertEquals("rev-1", d.get("revision").asText());
        assertEquals("production", d.get("environment").asText());
        assertEquals("manual", d.get("trigger").asText());
        assertFalse(d.get("startedAt").isNull());
        assertFalse(d.get("finishedAt").isNull());
        assertEquals(List.of(id + "-BUILDING", id + "-DEPLOYING", id + "-FETCHING_SOURCE", id + "-HEALTH_CHECKING"),
                t.done(id));
        assertEquals(String.valueOf(id), t.active("happy").orElseThrow().release().deploymentId());
        String log = t.log(id);
        for (String phase : List.of("[QUEUED]", "[FETCHING_SOURCE]", "[BUILDING]", "[DEPLOYING]", "[HEALTH_CHECKING]",
                "[SWITCHING_TRAFFIC]", "[ACTIVE]")) {
            assertTrue(log.contains(phase), phase + " missing from\n" + log);
        }
        assertFalse(Files.exists(t.server.home().resolve("workspaces").resolve(String.valueOf(id))),
                "workspace left behind");
    }

    @Test
    void failingBuildFailsTheDeploymentNamingThePhase() {
        t.app("broken", Map.of("builder", "fail"));
        long id = t.deploy("broken");
        JsonNode d = t.awaitFinal(id);
        assertEquals("FAILED", d.get("phase").asText());
        assertTrue(d.get("error").asText().startsWith("BUILDING failed: test BUILDING failed on purpose"),
                d.get("error").asText());
        assertTrue(t.active("broken").isEmpty());
    }

    @Test
    void failedHealthCheckRetiresTheNewReleaseAndTheOldKeepsServing() throws Exception {
        t.app("sick", Map.of());
        long first = t.deploy("sick");
        assertEquals("ACTIVE", t.awaitFinal(first).get("phase").asText());
        patchBehaviour("sick", "health", "fail");
        long second = t.deploy("sick");
        JsonNode d = t.awaitFinal(second);
        assertEquals("FAILED", d.get("phase").asText());
        assertTrue(d.get("error").asText().contains("health check failed"), d.get("error").asText());
        assertEquals(String.valueOf(first), t.active("sick").orElseThrow().release().deploymentId());
        assertEquals(List.of("sick~production~" + first), t.releases().stream().filter(r -> r.startsWith("sick~")).toList());
    }

    @Test
    void newerQueuedDeploymentSupersedesOlderQueuedOnes() {
        t.app("busy", Map.of("source", "slow"), Map.of("source", 400L));
        long running = t.deploy("busy");
        t.awaitPhase(running, "FETCHING_SOURCE");
        long older = t.deploy("busy");
        long newer = t.deploy("busy");
        assertEquals("SUPERSEDED", t.awaitFinal(older).get("phase").asText());
        JsonNode olderNow = t.get(older);
        assertTrue(olderNow.get("error").asText().contains("Superseded by deployment " + newer), olderNow.toString());
        // One per app+environment: the newer waits for the running one.
        assertEquals("QUEUED", t.get(newer).get("phase").asText());
        assertEquals("ACTIVE", t.awaitFinal(running).get("phase").asText());
        assertEquals("ACTIVE", t.awaitFinal(newer).get("phase").asText());
        assertTrue(t.get(newer).get("startedAt").asText().compareTo(t.get(running).get("finishedAt").asText()) >= 0);
    }

    @Test
    void cancelReachesTheRunningStepAndRemovesWhatItHalfMade() {
        t.app("halt", Map.of("health", "slow"), Map.of("health", 30_000L));
        long id = t.deploy("halt");
        t.awaitPhase(id, "HEALTH_CHECKING");
        assertEquals(List.of("halt~production~" + id), t.releases().stream().filter(r -> r.startsWith("halt~")).toList());
        long asked = System.nanoTime();
        PipelineTestSupport.ok(t.server.postJson("/api/v1/deployments/" + id + "/cancel", ""), 202);
        JsonNode d = t.awaitFinal(id);
        assertEquals("CANCELLED", d.get("phase").asText());
        assertTrue((System.nanoTime() - asked) / 1_000_000 < 5_000, "cancel took too long");
        assertTrue(t.releases().stream().noneMatch(r -> r.startsWith("halt~")), t.releases().toString());
        assertFalse(Files.exists(t.server.home().resolve("workspaces").resolve(String.valueOf(id))));
        assertTrue(t.active("halt").isEmpty());
    }

    @Test
    void cancellingAQueuedDeploymentEndsItBeforeItStarts() {
        t.app("wait", Map.of("source", "slow"), Map.of("source", 500L));
        long running = t.deploy("wait");
        long queued = t.deploy("wait");
        PipelineTestSupport.ok(t.server.postJson("/api/v1/deployments/" + queued + "/cancel", ""), 202);
        assertEquals("CANCELLED", t.awaitFinal(queued).get("phase").asText());
        assertTrue(t.effects(queued, ".start").isEmpty());
        t.awaitFinal(running);
    }

    @Test
    void phaseTimeoutFailsTheDeploymentWithThePhaseNamed() {
        t.app("sloth", Map.of("builder", "slow"), Map.of("builder", 30_000L));
        PipelineTestSupport.ok(t.server.send("PUT", "/api/v1/apps/sloth/timeouts", "{\"buildSeconds\":1}"), 200);
        long id = t.deploy("sloth");
        JsonNode d = t.awaitFinal(id);
        assertEquals("FAILED", d.get("phase").asText());
        assertTrue(d.get("error").asText().startsWith("BUILDING timed out after 1 s"), d.get("error").asText());
    }

    @Test
    void rollbackReusesTheArtifactWithoutFetchOrBuild() {
        t.app("back", Map.of());
        long first = t.deploy("back");
        t.awaitFinal(first);
        long second = t.deploy("back", "{\"ref\":\"rev-2\"}");
        assertEquals("ACTIVE", t.awaitFinal(second).get("phase").asText());
        var r = t.server.postJson("/api/v1/deployments/" + first + "/rollback", "");
        PipelineTestSupport.ok(r, 202);
        long rollback = PipelineTestSupport.read(r.body()).get("id").asLong();
        JsonNode d = t.awaitFinal(rollback);
        assertEquals("ACTIVE", d.get("phase").asText(), t.log(rollback));
        assertEquals("rollback", d.get("trigger").asText());
        assertEquals(first, d.get("rollbackOf").asLong());
        assertEquals("rev-1", d.get("revision").asText());
        assertEquals("slipway/back:" + first, d.get("artifact").asText());
        assertEquals(List.of(rollback + "-DEPLOYING", rollback + "-HEALTH_CHECKING"), t.done(rollback));
        assertEquals(String.valueOf(rollback), t.active("back").orElseThrow().release().deploymentId());
    }

    @Test
    void redeployReusesTheLiveArtifact() {
        t.app("again", Map.of());
        long first = t.deploy("again");
        t.awaitFinal(first);
        var r = t.server.postJson("/api/v1/apps/again/deployments/redeploy", "{}");
        PipelineTestSupport.ok(r, 202);
        long id = PipelineTestSupport.read(r.body()).get("id").asLong();
        JsonNode d = t.awaitFinal(id);
        assertEquals("ACTIVE", d.get("phase").asText());
        assertEquals("redeploy", d.get("trigger").asText());
        assertEquals(List.of(id + "-DEPLOYING", id + "-HEALTH_CHECKING"), t.done(id));
    }

    @Test
    void secretValuesAreMaskedInTheLog() {
        t.app("secretive", Map.of());
        PipelineTestSupport.ok(t.server.send("PUT", "/api/v1/apps/secretive/env/API_KEY",
                "{\"value\":\"s3cr3t-value\",\"secret\":true}"), 200);
        patchConfig("secretive", "source", Map.of("behaviour", "ok", "dir", t.dir.toString(), "token", "tok-12345"));
        long id = t.deploy("secretive");
        t.awaitFinal(id);
        String log = t.log(id);
        assertTrue(log.contains("using token ****"), log);
        assertFalse(log.contains("tok-12345"), log);
    }

    @Test
    void deletingAnAppRetiresEveryReleaseItRuns() {
        t.app("doomed", Map.of());
        long id = t.deploy("doomed");
        t.awaitFinal(id);
        assertEquals(1, t.releases().stream().filter(r -> r.startsWith("doomed~")).count());
        t.pipeline().appDeleted("doomed");
        assertTrue(t.releases().stream().noneMatch(r -> r.startsWith("doomed~")), t.releases().toString());
    }

    @Test
    void listsAnAppsDeploymentsNewestFirstWithPaging() {
        t.app("pages", Map.of());
        long a = t.deploy("pages");
        t.awaitFinal(a);
        long b = t.deploy("pages");
        t.awaitFinal(b);
        JsonNode page = PipelineTestSupport.read(t.server.get("/api/v1/apps/pages/deployments?limit=1").body());
        assertEquals(b, page.get("items").get(0).get("id").asLong());
        String cursor = page.get("nextCursor").asText();
        JsonNode next = PipelineTestSupport.read(t.server.get("/api/v1/apps/pages/deployments?limit=1&cursor="
                + cursor).body());
        assertEquals(a, next.get("items").get(0).get("id").asLong());
    }

    private static void patchBehaviour(String app, String point, String behaviour) {
        patchConfig(app, point, Map.of("behaviour", behaviour, "dir", t.dir.toString()));
    }

    private static void patchConfig(String app, String point, Map<String, Object> config) {
        String type = Map.of("source", "test-source", "builder", "test-builder", "deployer", "test-deployer",
                "health", "test-health").get(point);
        PipelineTestSupport.ok(t.server.send("PATCH", "/api/v1/apps/" + app, PipelineTestSupport.write(
                Map.of(point, Map.of("type", type, "config", config)))), 200);
    }
}
