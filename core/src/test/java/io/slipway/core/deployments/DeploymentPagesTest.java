package io.slipway.core.deployments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.core.pages.PageRenderer;
import io.slipway.core.pipeline.Pipeline;
import io.slipway.core.pipeline.PipelineTestSupport;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DeploymentPagesTest {
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
    void deploymentPageShowsPhasesAndTheWholeLogWithoutJavaScript() {
        t.app("paged", Map.of());
        long id = t.deploy("paged");
        t.awaitFinal(id);
        HttpResponse<String> r = t.server.get("/deployments/" + id);
        assertEquals(200, r.statusCode());
        String html = r.body();
        assertTrue(html.contains("Deployment " + id), html);
        assertTrue(html.contains("data-phase=\"BUILDING\" data-state=\"done\""), html);
        assertTrue(html.contains("Deployment " + id + " is live."), "the log is in the page");
        assertFalse(html.contains("EventSource"), "no live stream for an ended deployment");
    }

    @Test
    void runningDeploymentPageStreamsAndOffersCancel() {
        t.app("running", Map.of("builder", "slow"), Map.of("builder", 20_000L));
        long id = t.deploy("running");
        t.awaitPhase(id, "BUILDING");
        String html = t.server.get("/deployments/" + id).body();
        assertTrue(html.contains("data-stream=\"/api/v1/deployments/" + id + "/log/stream?from="), html);
        assertTrue(html.contains("Cancel deployment"), html);
        HttpResponse<String> r = t.server.send(HttpRequest.newBuilder(t.server.uri("/deployments/" + id + "/cancel"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=")).build());
        assertEquals(303, r.statusCode(), r.body());
        assertEquals("CANCELLED", t.awaitFinal(id).get("phase").asText());
    }

    @Test
    void historyFragmentListsAnAppsDeployments() {
        t.app("history", Map.of());
        long id = t.deploy("history");
        t.awaitFinal(id);
        PageRenderer renderer = t.server.core().service(PageRenderer.class);
        String html = renderer.render("deployments/history", Map.of("rows",
                DeploymentHistory.rows(t.server.core().service(Pipeline.class), "history", 20)));
        assertTrue(html.contains("/deployments/" + id), html);
        assertTrue(html.contains("manual by api"), html);
    }

    @Test
    void statusPageShowsReconcilerCounts() {
        HttpResponse<String> r = t.server.get("/status");
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("Orphan releases retired"), r.body());
    }

    @Test
    void unknownDeploymentPageIs404() {
        assertEquals(404, t.server.get("/deployments/987654").statusCode());
    }
}
