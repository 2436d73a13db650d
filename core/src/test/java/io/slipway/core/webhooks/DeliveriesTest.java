package io.slipway.core.webhooks;

import static io.slipway.core.pipeline.PipelineTestSupport.read;
import static io.slipway.core.webhooks.WebhookTestSupport.SHA;
import static io.slipway.core.webhooks.WebhookTestSupport.SHA2;
import static io.slipway.core.webhooks.WebhookTestSupport.push;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.slipway.core.security.SecurityFixtures;
import io.slipway.core.testing.TestServer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DeliveriesTest {
    private static WebhookTestSupport t;
    private static String secret;

    @BeforeAll
    static void start() {
        t = WebhookTestSupport.start();
        secret = t.app("shopweb", "acme/deliveries", "main");
        t.app("other", "acme/other", "main");
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    @Test
    void verifiedPushIsRecordedWithItsRuleDeploymentAndAnswer() {
        String id = UUID.randomUUID().toString();
        HttpResponse<String> r = t.deliver("push", push("acme/deliveries", "refs/heads/main", SHA), secret, id);
        assertEquals(202, r.statusCode(), r.body());
        long deployment = read(r.body()).get("deployments").get(0).asLong();
        JsonNode d = delivery(id);
        assertEquals("hooktest", d.get("provider").asText());
        assertEquals("push", d.get("event").asText());
        assertEquals("valid", d.get("signature").asText());
        assertEquals("queued", d.get("outcome").asText());
        assertEquals(202, d.get("responseCode").asInt());
        assertEquals(deployment, d.get("deployments").get(0).asLong());
        assertTrue(d.get("matchedRule").asText().contains("production"), d.toString());
        assertTrue(d.get("redeliverable").asBoolean());
        assertTrue(d.has("receivedAt"));
    }

    @Test
    void badSignatureIsRecordedAsInvalidAndCannotBeRedelivered() {
        String id = UUID.randomUUID().toString();
        byte[] body = push("acme/deliveries", "refs/heads/main", SHA2).getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> r = t.send("push", body, TestWebhookReceiver.signature("wrong-secret-value", body), id);
        assertEquals(401, r.statusCode(), r.body());
        JsonNode d = delivery(id);
        assertEquals("invalid", d.get("signature").asText());
        assertEquals(401, d.get("responseCode").asInt());
        assertEquals("invalid_signature", d.get("outcome").asText());
        assertEquals(0, d.get("deployments").size());
        assertFalse(d.get("redeliverable").asBoolean());
        HttpResponse<String> again = t.pipeline.server.postJson(redeliver("shopweb", d.get("id").asLong()), "");
        assertEquals(409, again.statusCode(), again.body());
        assertEquals("conflict", read(again.body()).get("error").get("code").asText().toLowerCase());
    }

    @Test
    void aDuplicateDeliveryIsRecordedAsDuplicate() {
        String id = UUID.randomUUID().toString();
        String body = push("acme/deliveries", "refs/heads/main", SHA);
        assertEquals(202, t.deliver("push", body, secret, id).statusCode());
        assertEquals(200, t.deliver("push", body, secret, id).statusCode());
        JsonNode newest = list("shopweb").get(0);
        assertEquals(id, newest.get("deliveryId").asText());
        assertEquals("duplicate", newest.get("outcome").asText());
        assertEquals(200, newest.get("responseCode").asInt());
    }

    @Test
    void redeliverReplaysAVerifiedDeliveryAsANewOnePastTheDuplicateCheck() {
        String id = UUID.randomUUID().toString();
        HttpResponse<String> r = t.deliver("push", push("acme/deliveries", "refs/heads/main", SHA2), secret, id);
        long first = read(r.body()).get("deployments").get(0).asLong();
        long original = delivery(id).get("id").asLong();
        HttpResponse<String> again = t.pipeline.server.postJson(redeliver("shopweb", original), "");
        assertEquals(200, again.statusCode(), again.body());
        JsonNode answer = read(again.body());
        assertEquals(202, answer.get("status").asInt());
        JsonNode replay = answer.get("delivery");
        assertNotEquals(original, replay.get("id").asLong());
        assertEquals(original, replay.get("redeliveryOf").asLong());
        assertEquals(id, replay.get("deliveryId").asText());
        assertEquals("queued", replay.get("outcome").asText());
        long second = replay.get("deployments").get(0).asLong();
        assertNotEquals(first, second);
        assertEquals(SHA2, t.pipeline.awaitFinal(second).get("revision").asText());
        assertEquals(replay.get("id").asLong(), list("shopweb").get(0).get("id").asLong());
    }

    @Test
    void aRedeliveryDeploysOnlyTheAppThatAskedForIt() {
        String first = t.app("twin-a", "acme/twins", "main");
        t.app("twin-b", "acme/twins", "main");
        String id = UUID.randomUUID().toString();
        HttpResponse<String> r = t.deliver("push", push("acme/twins", "refs/heads/main", SHA), first, id);
        assertEquals(202, r.statusCode(), r.body());
        assertEquals(2, read(r.body()).get("deployments").size(), r.body());
        long row = list("twin-a").get(0).get("id").asLong();
        assertEquals(row, list("twin-b").get(0).get("id").asLong());
        int before = t.deploymentCount("twin-b");
        HttpResponse<String> again = t.pipeline.server.postJson(redeliver("twin-a", row), "");
        assertEquals(200, again.statusCode(), again.body());
        assertEquals(1, read(again.body()).get("delivery").get("deployments").size(), again.body());
        assertEquals(before, t.deploymentCount("twin-b"));
        assertEquals(row, list("twin-b").get(0).get("id").asLong());
    }

    @Test
    void anotherAppsDeliveryOrAnUnknownOneIsNotFound() {
        String id = UUID.randomUUID().toString();
        t.deliver("push", push("acme/deliveries", "refs/heads/main", SHA), secret, id);
        long row = delivery(id).get("id").asLong();
        assertEquals(404, t.pipeline.server.postJson(redeliver("other", row), "").statusCode());
        assertEquals(404, t.pipeline.server.postJson(redeliver("shopweb", 999_999), "").statusCode());
        assertEquals(404, t.pipeline.server.postJson("/api/v1/apps/shopweb/deliveries/abc/redeliver", "").statusCode());
        HttpResponse<String> noApp = t.pipeline.server.get("/api/v1/apps/nosuchapp/deliveries");
        assertEquals(404, noApp.statusCode());
        assertTrue(read(noApp.body()).has("error"));
    }

    @Test
    void deliveriesArePagedAndABadCursorIsA400() {
        t.deliver("push", push("acme/deliveries", "refs/heads/main", SHA), secret);
        t.deliver("push", push("acme/deliveries", "refs/heads/main", SHA), secret);
        JsonNode first = read(t.pipeline.server.get("/api/v1/apps/shopweb/deliveries?limit=1").body());
        assertEquals(1, first.get("items").size());
        String cursor = first.get("nextCursor").asText();
        JsonNode second = read(t.pipeline.server.get("/api/v1/apps/shopweb/deliveries?limit=1&cursor=" + cursor).body());
        assertTrue(second.get("items").get(0).get("id").asLong() < first.get("items").get(0).get("id").asLong());
        HttpResponse<String> bad = t.pipeline.server.get("/api/v1/apps/shopweb/deliveries?cursor=%25%25");
        assertEquals(400, bad.statusCode(), bad.body());
        assertEquals(400, t.pipeline.server.get("/api/v1/apps/shopweb/deliveries?limit=0").statusCode());
    }

    @Test
    void aViewerMaySeeDeliveriesButNotRedeliver() {
        String id = UUID.randomUUID().toString();
        t.deliver("push", push("acme/deliveries", "refs/heads/main", SHA), secret, id);
        long row = delivery(id).get("id").asLong();
        TestServer admin = t.pipeline.server;
        SecurityFixtures.createUser(admin, "vera", "vera-password-1", "member");
        SecurityFixtures.grant(admin, "shop", "vera", "viewer");
        TestServer viewer = admin.as(SecurityFixtures.token(admin, "vera", "vera-password-1", "deploy", null));
        assertEquals(200, viewer.get("/api/v1/apps/shopweb/deliveries").statusCode());
        HttpResponse<String> refused = viewer.postJson(redeliver("shopweb", row), "");
        assertEquals(403, refused.statusCode(), refused.body());
    }

    @Test
    void thePageListsDeliveriesWithARedeliverButtonAndTheRulesPageLinksIt() {
        String id = UUID.randomUUID().toString();
        t.deliver("push", push("acme/deliveries", "refs/heads/main", SHA), secret, id);
        long row = delivery(id).get("id").asLong();
        HttpResponse<String> page = t.pipeline.server.get("/apps/shopweb/deliveries");
        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.body().contains(id), page.body());
        assertTrue(page.body().contains("/apps/shopweb/deliveries/" + row + "/redeliver"), page.body());
        assertTrue(t.pipeline.server.get("/apps/shopweb/rules").body().contains("/apps/shopweb/deliveries"));
        HttpResponse<String> replayed = t.pipeline.server.send(java.net.http.HttpRequest.newBuilder(
                t.pipeline.server.uri("/apps/shopweb/deliveries/" + row + "/redeliver"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("")).build());
        assertEquals(200, replayed.statusCode(), replayed.body());
        assertTrue(replayed.body().contains("Redelivered delivery " + row), replayed.body());
    }

    private static String redeliver(String app, long row) {
        return "/api/v1/apps/" + app + "/deliveries/" + row + "/redeliver";
    }

    private static JsonNode list(String app) {
        HttpResponse<String> r = t.pipeline.server.get("/api/v1/apps/" + app + "/deliveries?limit=200");
        assertEquals(200, r.statusCode(), r.body());
        return read(r.body()).get("items");
    }

    private static JsonNode delivery(String deliveryId) {
        for (JsonNode d : list("shopweb")) {
            if (d.get("deliveryId").asText().equals(deliveryId)) {
                return d;
            }
        }
        throw new AssertionError("No delivery " + deliveryId + " in " + list("shopweb"));
    }
}
