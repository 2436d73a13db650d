package io.slipway.core.deployments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.slipway.core.pipeline.PipelineTestSupport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DeploymentPhasesApiTest {
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
    void aDeploymentShowsEachPhaseWithItsStartEndAndDuration() {
        t.app("timed", Map.of("builder", "slow"), Map.of("builder", 300L));
        long id = t.deploy("timed");
        JsonNode d = t.awaitFinal(id);
        assertEquals("ACTIVE", d.get("phase").asText());

        List<String> names = new ArrayList<>();
        d.get("phases").forEach(p -> names.add(p.get("phase").asText()));
        assertEquals(List.of("FETCHING_SOURCE", "BUILDING", "DEPLOYING", "HEALTH_CHECKING", "SWITCHING_TRAFFIC",
                "ACTIVE"), names);
        Instant previousEnd = Instant.parse(d.get("createdAt").asText());
        for (JsonNode p : d.get("phases")) {
            Instant started = Instant.parse(p.get("startedAt").asText());
            Instant finished = Instant.parse(p.get("finishedAt").asText());
            assertEquals(Duration.between(started, finished).toMillis(), p.get("durationMs").asLong(), p.toString());
            assertTrue(!started.isBefore(previousEnd), "phases follow each other: " + d.get("phases"));
            previousEnd = finished;
        }
        assertTrue(d.get("phases").get(1).get("durationMs").asLong() >= 300, d.get("phases").toString());
        assertEquals(0, d.get("phases").get(5).get("durationMs").asLong(), "the final phase is a point in time");

        String page = t.server.get("/deployments/" + id).body();
        String building = DeploymentRow.describe(Duration.ofMillis(d.get("phases").get(1).get("durationMs").asLong()));
        assertTrue(page.matches("(?s).*data-phase=\"BUILDING\".*?>" + building + "</span>.*"),
                "the page shows the same duration: " + building);
    }

    @Test
    void thePhaseRunningNowHasNoEndYet() {
        t.app("running", Map.of("health", "slow"), Map.of("health", 30_000L));
        long id = t.deploy("running");
        JsonNode d = t.awaitPhase(id, "HEALTH_CHECKING");
        JsonNode last = d.get("phases").get(d.get("phases").size() - 1);

        assertEquals("HEALTH_CHECKING", last.get("phase").asText());
        assertTrue(last.get("finishedAt").isNull(), last.toString());
        assertTrue(last.get("durationMs").isNull(), last.toString());
        t.server.postJson("/api/v1/deployments/" + id + "/cancel", "");
        t.awaitFinal(id);
    }

    @Test
    void listsLeaveThePhasesOut() {
        t.app("listed", Map.of());
        t.awaitFinal(t.deploy("listed"));

        JsonNode items = PipelineTestSupport.read(t.server.get("/api/v1/apps/listed/deployments").body()).get("items");

        assertTrue(items.get(0).get("phases").isNull(), items.toString());
    }
}
