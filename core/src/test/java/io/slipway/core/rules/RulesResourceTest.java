package io.slipway.core.rules;

import static io.slipway.core.pipeline.PipelineTestSupport.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.slipway.core.webhooks.WebhookTestSupport;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RulesResourceTest {
    private static WebhookTestSupport t;

    @BeforeAll
    static void start() {
        t = WebhookTestSupport.start();
        t.app("site", "acme/site", "trunk");
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    private static HttpResponse<String> put(String json) {
        return t.pipeline.server.send("PUT", "/api/v1/apps/site/rules", json);
    }

    private static HttpResponse<String> dryRun(String json) {
        return t.pipeline.server.postJson("/api/v1/apps/site/rules/dry-run", json);
    }

    @Test
    void withoutRulesTheSourceBranchDeploysProduction() {
        t.pipeline.server.send("DELETE", "/api/v1/apps/site/rules", null);
        JsonNode r = read(t.pipeline.server.get("/api/v1/apps/site/rules").body());
        assertFalse(r.get("custom").asBoolean());
        assertEquals("trunk", r.get("rules").get(0).get("branch").asText());
        assertEquals("production", r.get("rules").get(0).get("environment").asText());
    }

    @Test
    void rulesAreReplacedReadBackAndTriedOut() {
        HttpResponse<String> p = put("{\"rules\": [{\"branch\": \"main\", \"environment\": \"production\"}, "
                + "{\"branch\": \"release/*\", \"environment\": \"staging\", \"paths\": [\"src/**\"]}, "
                + "{\"tag\": \"v*\", \"environment\": \"production\"}], \"previews\": true}");
        assertEquals(200, p.statusCode(), p.body());
        JsonNode got = read(t.pipeline.server.get("/api/v1/apps/site/rules").body());
        assertTrue(got.get("custom").asBoolean());
        assertTrue(got.get("previews").asBoolean());
        assertEquals("src/**", got.get("rules").get(1).get("paths").get(0).asText());
        assertEquals(5, got.get("maxPreviews").asInt());
        assertEquals(7, got.get("previewTtlDays").asInt());

        JsonNode staging = read(dryRun("{\"event\": \"push\", \"ref\": \"release/2\", \"changedPaths\": [\"src/a.js\"]}").body());
        assertTrue(staging.get("matched").asBoolean());
        assertEquals("staging", staging.get("deployments").get(0).get("environment").asText());
        assertEquals("site-staging.localhost", staging.get("deployments").get(0).get("host").asText());

        JsonNode filtered = read(dryRun("{\"event\": \"push\", \"ref\": \"release/2\", \"changedPaths\": [\"README\"]}").body());
        assertFalse(filtered.get("matched").asBoolean());
        assertTrue(filtered.get("reason").asText().contains("no changed file matches"), filtered.toString());

        JsonNode preview = read(dryRun("{\"event\": \"pull_request_opened\", \"pullRequest\": 7}").body());
        assertEquals("site-pr-7.localhost", preview.get("deployments").get(0).get("host").asText());

        JsonNode tag = read(dryRun("{\"event\": \"tag\", \"ref\": \"v2.0\"}").body());
        assertEquals("production", tag.get("deployments").get(0).get("environment").asText());
        assertEquals(0, t.deploymentCount("site"), "a dry run deploys nothing");
    }

    @Test
    void badRulesAre400sNamingTheField() {
        HttpResponse<String> both = put("{\"rules\": [{\"branch\": \"main\", \"tag\": \"v*\", \"environment\": \"production\"}]}");
        assertEquals(400, both.statusCode());
        assertTrue(read(both.body()).get("error").get("details").get("fields").has("rules[0].branch"), both.body());
        HttpResponse<String> env = put("{\"rules\": [{\"branch\": \"main\", \"environment\": \"Prod_1\"}]}");
        assertEquals(400, env.statusCode());
        assertTrue(read(env.body()).get("error").get("details").get("fields").has("rules[0].environment"), env.body());
        HttpResponse<String> limits = put("{\"rules\": [], \"maxPreviews\": 0, \"previewTtlDays\": 9999}");
        assertEquals(400, limits.statusCode());
        assertTrue(read(limits.body()).get("error").get("details").get("fields").has("maxPreviews"), limits.body());
        assertTrue(read(limits.body()).get("error").get("details").get("fields").has("previewTtlDays"), limits.body());
        HttpResponse<String> unknown = put("{\"rulez\": []}");
        assertEquals(400, unknown.statusCode(), unknown.body());
        assertEquals(404, t.pipeline.server.get("/api/v1/apps/nosuch/rules").statusCode());
    }

    @Test
    void badDryRunsAre400s() {
        assertEquals(400, dryRun("{\"event\": \"deploy-everything\", \"ref\": \"main\"}").statusCode());
        assertEquals(400, dryRun("{\"event\": \"push\"}").statusCode());
        assertEquals(400, dryRun("{\"event\": \"pull_request_opened\"}").statusCode());
        assertEquals(400, dryRun("{\"event\": \"push\", \"ref\": \"main\", \"commit\": \"zz\"}").statusCode());
    }
}
