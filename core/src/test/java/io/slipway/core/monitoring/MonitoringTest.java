package io.slipway.core.monitoring;

import static io.slipway.core.pipeline.PipelineTestSupport.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.slipway.core.pipeline.PipelineTestSupport;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code /api/v1/monitoring/*} and {@code /metrics} on one server (H2). */
class MonitoringTest {
    @Test
    void healthReportsEachPart() {
        try (PipelineTestSupport t = PipelineTestSupport.start()) {
            HttpResponse<String> r = t.server.get("/api/v1/monitoring/health");
            assertEquals(200, r.statusCode(), r.body());
            JsonNode health = read(r.body());
            assertEquals("ok", health.get("status").asText(), r.body());
            for (String part : new String[] {"database", "engine", "plugins", "queue", "cluster"}) {
                assertEquals("ok", health.get("checks").get(part).get("status").asText(), part + ": " + r.body());
            }
            assertTrue(health.get("checks").get("cluster").get("details").get("leader").asBoolean());
            assertEquals(0, health.get("checks").get("queue").get("details").get("queued").asInt());
        }
    }

    @Test
    void statsCountDeploymentsByResultAndTimeTheirPhases() {
        try (PipelineTestSupport t = PipelineTestSupport.start()) {
            t.app("web", Map.of("builder", "slow"), Map.of("builder", 120L));
            t.app("broken", Map.of("builder", "fail"));
            assertEquals("ACTIVE", t.awaitFinal(t.deploy("web")).get("phase").asText());
            assertEquals("FAILED", t.awaitFinal(t.deploy("broken")).get("phase").asText());

            JsonNode stats = read(t.server.get("/api/v1/monitoring/stats").body());
            assertEquals(1, stats.get("byPhase").get("ACTIVE").asInt(), stats.toString());
            assertEquals(1, stats.get("byPhase").get("FAILED").asInt(), stats.toString());
            assertEquals(1, stats.get("durationByResult").get("ACTIVE").get("count").asInt());
            JsonNode building = stats.get("durationByPhase").get("BUILDING");
            assertEquals(2, building.get("count").asInt(), stats.toString());
            assertTrue(building.get("maxMillis").asLong() >= 120, stats.toString());
        }
    }

    @Test
    void stuckListsNothingWhenAllIsWell() {
        try (PipelineTestSupport t = PipelineTestSupport.start()) {
            t.app("web", Map.of());
            t.awaitFinal(t.deploy("web"));
            JsonNode stuck = read(t.server.get("/api/v1/monitoring/stuck").body());
            assertEquals(0, stuck.get("items").size());
        }
    }

    @Test
    void stuckListsADeploymentPastItsPhaseTimeout() {
        try (PipelineTestSupport t = PipelineTestSupport.start()) {
            t.app("web", Map.of("builder", "block"));
            long id = t.deploy("web");
            t.awaitPhase(id, "BUILDING");
            // As if the build had started two days ago: past any build timeout.
            t.server.core().service(org.jdbi.v3.core.Jdbi.class).useHandle(h -> h.createUpdate(
                            "UPDATE deployments SET phase_started_at = :t WHERE id = :id")
                    .bind("t", java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).minusDays(2)).bind("id", id)
                    .execute());
            JsonNode stuck = read(t.server.get("/api/v1/monitoring/stuck").body());
            assertEquals(1, stuck.get("items").size(), stuck.toString());
            JsonNode item = stuck.get("items").get(0);
            assertEquals(id, item.get("id").asLong());
            assertEquals("web", item.get("app").asText());
            assertEquals("BUILDING", item.get("phase").asText());
            assertTrue(item.get("reason").asText().contains("past its timeout"), item.toString());
            t.go();
        }
    }

    @Test
    void reconcileRunsAPassForAnAdmin() {
        try (PipelineTestSupport t = PipelineTestSupport.start()) {
            long before = t.pipeline().status().reconciler().runs();
            HttpResponse<String> r = t.server.postJson("/api/v1/monitoring/reconcile", "");
            assertEquals(200, r.statusCode(), r.body());
            JsonNode body = read(r.body());
            assertTrue(body.get("reconciler").get("runs").asLong() > before, r.body());
            assertTrue(body.get("leader").asBoolean());
        }
    }

    @Test
    void monitoringAndMetricsNeedACredential() {
        try (PipelineTestSupport t = PipelineTestSupport.start()) {
            var anonymous = t.server.asAnonymous();
            HttpResponse<String> health = anonymous.get("/api/v1/monitoring/health");
            assertEquals(401, health.statusCode(), health.body());
            assertTrue(read(health.body()).get("error").has("code"));
            assertEquals(401, anonymous.postJson("/api/v1/monitoring/reconcile", "").statusCode());
            assertEquals(401, anonymous.get("/metrics").statusCode());
        }
    }

    @Test
    void metricsServePrometheusTextWithDeploymentAndJvmMeters() {
        try (PipelineTestSupport t = PipelineTestSupport.start()) {
            t.app("web", Map.of("builder", "slow"), Map.of("builder", 50L));
            assertEquals("ACTIVE", t.awaitFinal(t.deploy("web")).get("phase").asText());
            PipelineTestSupport.sleep(2_200); // phase runs are taken in a moment behind now
            HttpResponse<String> r = t.server.get("/metrics");
            assertEquals(200, r.statusCode(), r.body());
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
            String text = r.body();
            assertTrue(text.contains("slipway_deployments{application=\"slipway\",phase=\"ACTIVE\"} 1.0"), text);
            assertTrue(text.contains("slipway_deployments_queued{application=\"slipway\"} 0.0"), text);
            assertTrue(text.contains("slipway_deployment_phase_seconds_count{application=\"slipway\",phase=\"BUILDING\"} 1"),
                    text);
            assertTrue(text.contains("slipway_deployment_phase_seconds_bucket{"), text);
            assertTrue(text.contains("slipway_build_seconds_count{application=\"slipway\"} 1"), text);
            assertTrue(text.contains("jvm_memory_used_bytes"), text);
            assertTrue(text.contains("jvm_threads_live_threads"), text);
        }
    }
}
