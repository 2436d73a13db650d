package io.slipway.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The reconciler, with "crashed servers" simulated by rows another server left behind. */
class ReconcilerTest {
    private static PipelineTestSupport t;

    @BeforeAll
    static void start() {
        System.setProperty("slipway.pipeline.stuckGraceMillis", "300");
        t = PipelineTestSupport.start();
    }

    @AfterAll
    static void stop() {
        System.clearProperty("slipway.pipeline.stuckGraceMillis");
        t.close();
    }

    private static long appId(String app) {
        return t.server.core().service(Jdbi.class).withHandle(h -> h.createQuery("SELECT id FROM apps WHERE name = :n")
                .bind("n", app).mapTo(Long.class).one());
    }

    /** A deployment another server claimed and then stopped beating its heart for. */
    private static long abandoned(String app, String phase, int resumeCount, String extraSql) {
        long appId = appId(app);
        var old = Instant.now().minusSeconds(3600).atOffset(ZoneOffset.UTC);
        return t.server.core().service(Jdbi.class).withHandle(h -> {
            long id = h.createUpdate("INSERT INTO deployments (app_id, environment, trigger_kind, trigger_by, phase, "
                            + "progress, created_at, started_at, phase_started_at, heartbeat_at, claimed_by, resume_count) "
                            + "VALUES (:app, 'production', 'manual', 'test', :phase, 50, :old, :old, :old, :old, 'dead', :rc)")
                    .bind("app", appId).bind("phase", phase).bind("old", old).bind("rc", resumeCount)
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            if (!extraSql.isEmpty()) {
                h.createUpdate(extraSql).bind("id", id).execute();
            }
            return id;
        });
    }

    @Test
    void resumesAnInterruptedDeploymentAfterItsLastCompletedPhase() throws Exception {
        t.app("resumable", Map.of());
        long id = abandoned("resumable", "DEPLOYING", 0, "UPDATE deployments SET revision = 'rev-1', "
                + "artifact_ref = 'slipway/resumable:x', artifact_json = '{\"reference\":\"slipway/resumable:x\","
                + "\"metadata\":{}}' WHERE id = :id");
        long before = t.pipeline().status().reconciler().resumed();
        t.pipeline().reconcileNow();
        JsonNode d = t.awaitFinal(id);
        assertEquals("ACTIVE", d.get("phase").asText(), t.log(id));
        assertEquals(List.of(id + "-DEPLOYING", id + "-HEALTH_CHECKING"), t.done(id), "fetch and build not re-run");
        assertTrue(t.log(id).contains("Resuming at DEPLOYING"), t.log(id));
        assertEquals(before + 1, t.pipeline().status().reconciler().resumed());
    }

    @Test
    void resumesAnInterruptedTrafficSwitchWithoutCallingAnyExtensionAgain() throws Exception {
        t.app("switching", Map.of());
        java.nio.file.Files.createDirectories(t.dir.resolve("releases"));
        long[] holder = new long[1];
        long id = abandoned("switching", "SWITCHING_TRAFFIC", 0, "");
        holder[0] = id;
        String release = "{\"id\":\"switching~production~" + id + "\",\"app\":\"switching\",\"environment\":"
                + "\"production\",\"deploymentId\":\"" + id + "\",\"endpoint\":{\"host\":\"127.0.0.1\",\"port\":9},"
                + "\"labels\":{}}";
        t.server.core().service(Jdbi.class).useHandle(h -> h.createUpdate("UPDATE deployments SET revision = 'rev-1', "
                + "artifact_ref = 'a', artifact_json = '{\"reference\":\"a\",\"metadata\":{}}', release_json = :r "
                + "WHERE id = :id").bind("r", release).bind("id", holder[0]).execute());
        java.nio.file.Files.write(t.dir.resolve("releases").resolve("switching~production~" + id), new byte[0]);
        t.pipeline().reconcileNow();
        assertEquals("ACTIVE", t.awaitFinal(id).get("phase").asText(), t.log(id));
        assertTrue(t.done(id).isEmpty(), "no extension ran again: " + t.done(id));
        assertEquals(String.valueOf(id), t.active("switching").orElseThrow().release().deploymentId());
    }

    @Test
    void failsADeploymentInterruptedOnceTooOften() {
        t.app("crashloop", Map.of());
        long id = abandoned("crashloop", "BUILDING", 1, "");
        t.pipeline().reconcileNow();
        JsonNode d = t.awaitFinal(id);
        assertEquals("FAILED", d.get("phase").asText());
        assertTrue(d.get("error").asText().startsWith("Interrupted by server restart during BUILDING"), d.toString());
        assertTrue(t.pipeline().status().reconciler().failedInterrupted() >= 1);
    }

    @Test
    void failsADeploymentWhoseLogShowsAResumeItsRowLost() throws Exception {
        // H2 may lose a take-over's commit to a SIGKILL; the resume line in the log survives it.
        t.app("lostcount", Map.of());
        long id = abandoned("lostcount", "BUILDING", 0, "");
        java.nio.file.Path log = t.server.home().resolve("logs/deployments/" + id + ".log");
        java.nio.file.Files.createDirectories(log.getParent());
        java.nio.file.Files.writeString(log, Instant.now() + " [BUILDING] Resuming at BUILDING after the server running "
                + "it stopped during BUILDING.\n");
        t.pipeline().reconcileNow();
        JsonNode d = t.awaitFinal(id);
        assertEquals("FAILED", d.get("phase").asText(), t.log(id));
        assertTrue(d.get("error").asText().startsWith("Interrupted by server restart during BUILDING"), d.toString());
    }

    @Test
    void leavesDeploymentsOfALiveServerAlone() {
        t.app("alive", Map.of());
        long id = abandoned("alive", "BUILDING", 0, "UPDATE deployments SET heartbeat_at = CURRENT_TIMESTAMP WHERE id = :id");
        t.pipeline().reconcileNow();
        assertEquals("BUILDING", t.get(id).get("phase").asText());
        t.server.core().service(Jdbi.class).useHandle(h -> h.createUpdate("UPDATE deployments SET phase = 'FAILED' "
                + "WHERE id = :id").bind("id", id).execute());
    }

    @Test
    void retiresReleasesNoDeploymentWants() throws Exception {
        t.app("orphans", Map.of());
        long live = t.deploy("orphans");
        t.awaitFinal(live);
        long failed = t.deploy("orphans", "{\"ref\":\"x\"}");
        t.awaitFinal(failed);
        // A release the failed deployment's server started but died before retiring.
        Files.write(t.dir.resolve("releases").resolve("orphans~production~" + failed), new byte[0]);
        Files.write(t.dir.resolve("releases").resolve("orphans~production~999999"), new byte[0]);
        long before = t.pipeline().status().reconciler().orphansRemoved();
        // Let the previous release's grace period pass, then reconcile.
        PipelineTestSupport.sleep(100);
        t.server.core().service(Jdbi.class).useHandle(h -> h.createUpdate("UPDATE active_releases SET switched_at = :old")
                .bind("old", Instant.now().minusSeconds(3600).atOffset(ZoneOffset.UTC)).execute());
        t.pipeline().reconcileNow();
        List<String> left = t.releases().stream().filter(r -> r.startsWith("orphans~")).toList();
        assertEquals(List.of("orphans~production~" + failed).size(), left.size(), left.toString());
        assertEquals(t.active("orphans").orElseThrow().release().id(), left.get(0));
        assertEquals(before + 2, t.pipeline().status().reconciler().orphansRemoved());
    }

    @Test
    void failsADeploymentStuckPastItsPhaseTimeout() {
        t.app("stuck", Map.of("builder", "stubborn"), Map.of("builder", 6_000L));
        PipelineTestSupport.ok(t.server.send("PUT", "/api/v1/apps/stuck/timeouts", "{\"buildSeconds\":1}"), 200);
        long id = t.deploy("stuck");
        t.awaitPhase(id, "BUILDING");
        JsonNode d = t.await(id, x -> {
            t.pipeline().reconcileNow();
            return PipelineTestSupport.FINAL.contains(x.get("phase").asText());
        }, java.time.Duration.ofSeconds(10));
        assertEquals("FAILED", d.get("phase").asText());
        assertTrue(d.get("error").asText().startsWith("Stuck in BUILDING"), d.toString());
        assertTrue(t.pipeline().status().reconciler().failedStuck() >= 1);
        assertFalse(t.active("stuck").isPresent());
    }
}
