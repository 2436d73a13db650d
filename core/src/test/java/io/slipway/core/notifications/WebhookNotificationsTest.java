package io.slipway.core.notifications;

import static io.slipway.core.notifications.NotificationsTestSupport.awaitDelivery;
import static io.slipway.core.notifications.NotificationsTestSupport.status;
import static io.slipway.core.notifications.NotificationsTestSupport.target;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.slipway.core.pipeline.PipelineTestSupport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The built-in outgoing webhook: a signed JSON POST per subscribed event, retried, never failing a deployment. */
class WebhookNotificationsTest {
    private static final String SECRET = "a-long-shared-secret-0123";
    private static PipelineTestSupport t;
    private static FakeEndpoint receiver;

    @BeforeAll
    static void start() {
        System.setProperty("slipway.notifications.backoffMillis", "30");
        System.setProperty("slipway.notifications.attempts", "3");
        t = PipelineTestSupport.start();
        // The receiver is plain http on 127.0.0.1: an administrator allows that in the settings.
        t.ok(t.server.send("PATCH", "/api/v1/settings", "{\"notifications.allowHttp\": true}"), 200);
        receiver = new FakeEndpoint();
    }

    @AfterAll
    static void stop() {
        System.clearProperty("slipway.notifications.backoffMillis");
        System.clearProperty("slipway.notifications.attempts");
        receiver.close();
        t.close();
    }

    private static long hook(Optional<String> app, String path, List<String> events) {
        return target(t, app, "hook " + path, "webhook", Map.of("url", receiver.url(path), "secret", SECRET), events);
    }

    private static String hmac(byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    }

    @Test
    void postsASignedEventThatTheReceiverCanVerify() throws Exception {
        t.app("hooked", Map.of());
        long target = hook(Optional.of("hooked"), "/signed", List.of("succeeded"));
        long id = t.deploy("hooked");
        t.awaitFinal(id);
        awaitDelivery(t, target, status("succeeded", "SENT"), Duration.ofSeconds(10));
        List<FakeEndpoint.Request> posts = receiver.requests("/signed");
        assertEquals(1, posts.size(), "only the subscribed event");
        FakeEndpoint.Request post = posts.get(0);
        assertEquals(hmac(post.body()), post.headers().getFirst("X-Slipway-Signature-256"));
        assertEquals("succeeded", post.headers().getFirst("X-Slipway-Event"));
        assertTrue(post.headers().getFirst("X-Slipway-Delivery").matches("[0-9a-f-]{36}"));
        JsonNode body = post.json();
        assertEquals(1, body.get("version").asInt());
        assertEquals("succeeded", body.get("event").asText());
        assertEquals(String.valueOf(id), body.get("deploymentId").asText());
        assertEquals("hooked", body.get("app").asText());
        assertEquals("production", body.get("environment").asText());
        assertEquals("ACTIVE", body.get("phase").asText());
        assertEquals("http://localhost/deployments/" + id, body.get("deploymentUrl").asText());
        assertTrue(body.get("startedAt").isTextual(), body.toString());
    }

    @Test
    void aGlobalTargetHearsEveryApp() {
        t.app("global-a", Map.of("builder", "fail"));
        long target = hook(Optional.empty(), "/global", List.of("failed"));
        long id = t.deploy("global-a");
        t.awaitFinal(id);
        awaitDelivery(t, target, status("failed", "SENT"), Duration.ofSeconds(10));
        JsonNode body = receiver.requests("/global").get(0).json();
        assertEquals("BUILDING", body.get("failedPhase").asText());
        assertTrue(body.get("error").asText().contains("failed on purpose"), body.toString());
        assertTrue(body.get("logTail").size() > 0, body.toString());
        t.server.send(java.net.http.HttpRequest.newBuilder(t.server.uri("/api/v1/notification-targets/" + target))
                .DELETE().build());
    }

    @Test
    void aFailingReceiverIsRetriedWithTheSameDeliveryId() {
        t.app("flaky", Map.of());
        receiver.answer("/flaky", "http:500", "http:503");
        long target = hook(Optional.of("flaky"), "/flaky", List.of("succeeded"));
        t.awaitFinal(t.deploy("flaky"));
        JsonNode sent = awaitDelivery(t, target, status("succeeded", "SENT"), Duration.ofSeconds(10));
        assertEquals(3, sent.get("attempts").asInt());
        List<FakeEndpoint.Request> posts = receiver.requests("/flaky");
        assertEquals(3, posts.size());
        assertEquals(posts.get(0).headers().getFirst("X-Slipway-Delivery"), posts.get(2).headers().getFirst("X-Slipway-Delivery"));
    }

    @Test
    void anUnreachableEndpointIsRecordedAfterItsRetriesAndTheDeploymentIsUnaffected() {
        t.app("unreached", Map.of());
        long target = target(t, Optional.of("unreached"), "nowhere", "webhook",
                Map.of("url", "http://127.0.0.1:1/hook", "secret", SECRET), List.of("queued", "succeeded"));
        long id = t.deploy("unreached");
        assertEquals("ACTIVE", t.awaitFinal(id).get("phase").asText());
        JsonNode failed = awaitDelivery(t, target, status("succeeded", "FAILED"), Duration.ofSeconds(10));
        assertEquals(3, failed.get("attempts").asInt());
        assertTrue(failed.get("lastError").asText().contains("could not be reached"), failed.toString());
        JsonNode shown = target(t, target).get("lastFailure");
        assertTrue(shown.get("lastError").asText().contains("could not be reached"), shown.toString());
    }

    @Test
    void aReceiverThatRefusesIsNotRetried() {
        t.app("refused", Map.of());
        receiver.answer("/refused", "http:404", "http:404", "http:404");
        long target = hook(Optional.of("refused"), "/refused", List.of("succeeded"));
        t.awaitFinal(t.deploy("refused"));
        JsonNode failed = awaitDelivery(t, target, status("succeeded", "FAILED"), Duration.ofSeconds(10));
        assertEquals(1, failed.get("attempts").asInt());
        assertTrue(failed.get("lastError").asText().contains("HTTP 404"), failed.toString());
    }
}
