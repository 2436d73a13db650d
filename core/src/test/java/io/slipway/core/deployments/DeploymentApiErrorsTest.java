package io.slipway.core.deployments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.core.pipeline.PipelineTestSupport;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DeploymentApiErrorsTest {
    private static PipelineTestSupport t;
    private static long webLive;

    @BeforeAll
    static void start() {
        t = PipelineTestSupport.start();
        t.app("web", Map.of());
        t.app("api", Map.of());
        webLive = t.deploy("web");
        t.awaitFinal(webLive);
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    @Test
    void deployingAnUnknownAppIs404() {
        HttpResponse<String> r = t.server.postJson("/api/v1/apps/nope/deployments", "{}");
        assertEquals(404, r.statusCode());
        assertTrue(r.body().contains("\"code\":\"not_found\""), r.body());
    }

    @Test
    void unknownDeploymentIs404() {
        assertEquals(404, t.server.get("/api/v1/deployments/999999").statusCode());
    }

    @Test
    void cancellingAFinishedDeploymentIs409() {
        HttpResponse<String> r = t.server.postJson("/api/v1/deployments/" + webLive + "/cancel", "");
        assertEquals(409, r.statusCode());
        assertTrue(r.body().contains("already ended ACTIVE"), r.body());
    }

    @Test
    void rollingBackToAnotherAppsDeploymentIs409() {
        HttpResponse<String> r = t.server.postJson("/api/v1/apps/api/deployments/" + webLive + "/rollback", "");
        assertEquals(409, r.statusCode());
        assertTrue(r.body().contains("belongs to app 'web', not 'api'"), r.body());
    }

    @Test
    void rollingBackToAGoneArtifactIs409() throws Exception {
        t.app("gone", Map.of());
        long id = t.deploy("gone");
        t.awaitFinal(id);
        Files.createDirectories(t.dir.resolve("gone"));
        Files.write(t.dir.resolve("gone").resolve(String.valueOf(id)), new byte[0]);
        HttpResponse<String> r = t.server.postJson("/api/v1/deployments/" + id + "/rollback", "");
        assertEquals(409, r.statusCode());
        assertTrue(r.body().contains("is gone from the deployer"), r.body());
    }

    @Test
    void rollingBackToAFailedDeploymentIs409() {
        t.app("flop", Map.of("builder", "fail"));
        long id = t.deploy("flop");
        t.awaitFinal(id);
        HttpResponse<String> r = t.server.postJson("/api/v1/deployments/" + id + "/rollback", "");
        assertEquals(409, r.statusCode());
        assertTrue(r.body().contains("never went live"), r.body());
    }

    @Test
    void logOffsetPastTheEndIs416() {
        HttpResponse<String> r = t.server.get("/api/v1/deployments/" + webLive + "/log?offset=100000");
        assertEquals(416, r.statusCode());
        assertTrue(r.body().contains("\"code\":\"range_not_satisfiable\""), r.body());
    }

    @Test
    void logReadsByLineRange() {
        HttpResponse<String> r = t.server.get("/api/v1/deployments/" + webLive + "/log?offset=1&limit=2");
        assertEquals(200, r.statusCode());
        var page = PipelineTestSupport.read(r.body());
        assertEquals(1, page.get("offset").asLong());
        assertEquals(2, page.get("lines").size());
        assertTrue(page.get("complete").asBoolean());
    }

    @Test
    void negativeLogOffsetIs400() {
        assertEquals(400, t.server.get("/api/v1/deployments/" + webLive + "/log?offset=-1").statusCode());
    }

    @Test
    void malformedBodyIs400() {
        HttpResponse<String> r = t.server.postJson("/api/v1/apps/web/deployments", "{\"ref\":");
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("\"error\""), r.body());
    }

    @Test
    void unknownFieldIs400() {
        HttpResponse<String> r = t.server.postJson("/api/v1/apps/web/deployments", "{\"branch\":\"main\"}");
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("branch"), r.body());
    }

    @Test
    void badEnvironmentNameIs400() {
        HttpResponse<String> r = t.server.postJson("/api/v1/apps/web/deployments", "{\"environment\":\"../prod\"}");
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("environment"), r.body());
    }

    @Test
    void timeoutOutOfRangeIs400() {
        HttpResponse<String> r = t.server.send("PUT", "/api/v1/apps/web/timeouts", "{\"buildSeconds\":0}");
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("buildSeconds"), r.body());
    }

    @Test
    void redeployOfAnAppNeverLiveIs409() {
        t.app("fresh", Map.of());
        assertEquals(409, t.server.postJson("/api/v1/apps/fresh/deployments/redeploy", "{}").statusCode());
    }

    @Test
    void statusCountsTheReconcilersWork() {
        HttpResponse<String> r = t.server.get("/api/v1/status");
        assertEquals(200, r.statusCode());
        var s = PipelineTestSupport.read(r.body());
        assertTrue(s.get("reconciler").get("runs").asLong() >= 1, r.body());
        assertTrue(s.has("workers"), r.body());
    }
}
