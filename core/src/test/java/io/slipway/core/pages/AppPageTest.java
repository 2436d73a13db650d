package io.slipway.core.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.core.config.SlipwayConfig;
import io.slipway.core.pipeline.PipelineTestSupport;
import io.slipway.core.router.AppRouter;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The app page's URLs, running release and rollback buttons, over HTTP. */
class AppPageTest {
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
    void showsTheAppsUrlsTheRunningReleaseAndRollbackButtonsOnEarlierLiveDeployments() {
        t.app("shown", Map.of());
        long first = t.deploy("shown");
        assertEquals("ACTIVE", t.awaitFinal(first).get("phase").asText());
        long second = t.deploy("shown");
        assertEquals("ACTIVE", t.awaitFinal(second).get("phase").asText());
        long staging = t.deploy("shown", "{\"environment\": \"staging\"}");
        assertEquals("ACTIVE", t.awaitFinal(staging).get("phase").asText());

        HttpResponse<String> domain = t.server.send("PUT", "/api/v1/apps/shown/domains/www.shown.example", null);
        assertTrue(domain.statusCode() == 200 || domain.statusCode() == 201, domain.body());

        HttpResponse<String> r = t.server.get("/apps/shown");
        assertEquals(200, r.statusCode());
        String html = r.body();
        int port = t.server.core().service(AppRouter.class).port()
                .orElse(t.server.core().service(SlipwayConfig.class).routerPort());
        assertTrue(html.contains("href=\"http://shown.localhost:" + port + "/\""), html);
        assertTrue(html.contains("href=\"http://shown-staging.localhost:" + port + "/\""), html);
        assertTrue(html.contains("href=\"http://www.shown.example:" + port + "/\""), "custom domain: " + html);
        assertTrue(html.contains("Running release"), html);
        assertTrue(html.contains("127.0.0.1:9"), "the release's endpoint: " + html);
        assertTrue(html.contains("action=\"/deployments/" + first + "/rollback\""), html);
        assertFalse(html.contains("action=\"/deployments/" + second + "/rollback\""), "the live one has no button");
        assertFalse(html.contains("action=\"/deployments/" + staging + "/rollback\""), "the live one has no button");
    }

    @Test
    void neverDeployedAppShowsItsUrlAndNothingRunning() {
        t.app("quiet", Map.of());
        String html = t.server.get("/apps/quiet").body();
        assertTrue(html.contains("http://quiet.localhost:"), html);
        assertTrue(html.contains("Nothing is live"), html);
        assertFalse(html.contains("/rollback\""), html);
    }
}
