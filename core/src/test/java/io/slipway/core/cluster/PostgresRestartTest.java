package io.slipway.core.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.slipway.core.pipeline.PipelineTestSupport;
import io.slipway.core.testing.TestPostgres;
import io.slipway.core.testing.TestServer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** PostgreSQL restarted under a running deployment: it ends, and the pool heals by itself. */
class PostgresRestartTest {
    @Test
    void deploymentEndsAndNextSucceedsAfterDatabaseRestart() {
        try (ClusterFixture c = ClusterFixture.start(1)) {
            TestServer s = c.server(0);
            c.app("slow", Map.of("builder", "slow"), Map.of("builder", 3000L));
            long id = c.deploy(s, "slow");
            c.await(s, id, d -> d.get("phase").asText().equals("BUILDING"), Duration.ofSeconds(30));

            TestPostgres.restart();

            JsonNode ended = awaitAnswer(c, s, id, Duration.ofSeconds(90));
            assertTrue(PipelineTestSupport.FINAL.contains(ended.get("phase").asText()), ended.toString());
            c.app("after", Map.of(), Map.of());
            long next = c.deploy(s, "after");
            assertEquals("ACTIVE", c.awaitFinal(s, next, Duration.ofSeconds(30)).get("phase").asText());
            // And the leader lock is held again on its new session.
            long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!s.core().service(Cluster.class).isLeader() && System.nanoTime() < until) {
                PipelineTestSupport.sleep(50);
            }
            assertTrue(s.core().service(Cluster.class).isLeader());
        }
    }

    @Test
    void deploymentWhosePhaseChangeMetALongOutageEndsOnceTheDatabaseIsBack() {
        // Longer than the pool's connection timeout twice over: the phase change and the failure
        // that follows both meet a database that is gone.
        System.setProperty("slipway.pipeline.reconcileEveryMillis", "1000");
        try (ClusterFixture c = ClusterFixture.start(1)) {
            TestServer s = c.server(0);
            c.app("slow", Map.of("builder", "slow"), Map.of("builder", 1500L));
            long id = c.deploy(s, "slow");
            c.await(s, id, d -> d.get("phase").asText().equals("BUILDING"), Duration.ofSeconds(30));
            TestPostgres.ctl("stop");
            try {
                PipelineTestSupport.sleep(23_000);
            } finally {
                TestPostgres.ctl("start");
            }
            JsonNode ended = awaitAnswer(c, s, id, Duration.ofSeconds(60));
            assertTrue(PipelineTestSupport.FINAL.contains(ended.get("phase").asText()), ended.toString());
            c.app("after", Map.of(), Map.of());
            long next = c.deploy(s, "after");
            assertEquals("ACTIVE", c.awaitFinal(s, next, Duration.ofSeconds(30)).get("phase").asText());
        } finally {
            System.clearProperty("slipway.pipeline.reconcileEveryMillis");
        }
    }

    /** Awaits a final phase, tolerating the moments the API itself cannot reach the database. */
    private static JsonNode awaitAnswer(ClusterFixture c, TestServer s, long id, Duration limit) {
        long until = System.nanoTime() + limit.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < until) {
            var r = s.get("/api/v1/deployments/" + id);
            if (r.statusCode() == 200) {
                last = PipelineTestSupport.read(r.body());
                if (PipelineTestSupport.FINAL.contains(last.get("phase").asText())) {
                    return last;
                }
            }
            PipelineTestSupport.sleep(50);
        }
        throw new AssertionError("deployment " + id + " did not end within " + limit + ": " + last);
    }
}
