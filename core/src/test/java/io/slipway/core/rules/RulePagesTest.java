package io.slipway.core.rules;

import static io.slipway.core.pipeline.PipelineTestSupport.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.core.webhooks.WebhookTestSupport;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RulePagesTest {
    private static WebhookTestSupport t;

    @BeforeAll
    static void start() {
        t = WebhookTestSupport.start();
        t.app("blog", "acme/blog", "main");
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    private static HttpResponse<String> form(String path, String body) {
        return t.pipeline.server.send(HttpRequest.newBuilder(t.pipeline.server.uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void appPageLinksToTheRulesPageWhichShowsTheDefault() {
        HttpResponse<String> app = t.pipeline.server.get("/apps/blog");
        assertEquals(200, app.statusCode());
        assertTrue(app.body().contains("/apps/blog/rules"), "the app page links to its rules");
        HttpResponse<String> page = t.pipeline.server.get("/apps/blog/rules");
        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.body().contains("branch main production"), page.body());
    }

    @Test
    void formSavesRulesAndRefusesABadLine() {
        HttpResponse<String> saved = form("/apps/blog/rules", "rules=" + enc("branch main production\n"
                + "tag v* production\nbranch release/* staging paths src/**,package.json\n") + "&previews=on&maxPreviews=3"
                + "&previewTtlDays=2");
        assertEquals(303, saved.statusCode(), saved.body());
        var api = read(t.pipeline.server.get("/api/v1/apps/blog/rules").body());
        assertEquals(3, api.get("rules").size());
        assertTrue(api.get("previews").asBoolean());
        assertEquals("package.json", api.get("rules").get(2).get("paths").get(1).asText());
        assertEquals(3, api.get("maxPreviews").asInt());
        assertEquals(2, api.get("previewTtlDays").asInt());
        assertEquals(400, form("/apps/blog/rules", "rules=&maxPreviews=lots").statusCode());

        HttpResponse<String> bad = form("/apps/blog/rules", "rules=" + enc("deploy everything please"));
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("line 1 must read"), bad.body());
        assertEquals(3, read(t.pipeline.server.get("/api/v1/apps/blog/rules").body()).get("rules").size());
    }

    @Test
    void dryRunFormShowsWhatWouldDeploy() {
        t.pipeline.server.send("DELETE", "/api/v1/apps/blog/rules", null);
        HttpResponse<String> r = form("/apps/blog/rules/dry-run", "event=push&ref=main&pullRequest=&changedPaths=");
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("Would deploy:") && r.body().contains("blog.localhost"), r.body());
        HttpResponse<String> bad = form("/apps/blog/rules/dry-run", "event=push&ref=&pullRequest=x&changedPaths=");
        assertEquals(400, bad.statusCode());
        assertEquals(0, t.deploymentCount("blog"));
    }

    @Test
    void secretButtonShowsANewSecretOnce() {
        HttpResponse<String> r = form("/apps/blog/rules/webhook-secret", "");
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("New webhook secret"), r.body());
        assertTrue(!t.pipeline.server.get("/apps/blog/rules").body().contains("New webhook secret"));
    }
}
