package io.slipway.core.notifications;

import static io.slipway.core.pipeline.PipelineTestSupport.ok;
import static io.slipway.core.pipeline.PipelineTestSupport.read;
import static io.slipway.core.pipeline.PipelineTestSupport.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.slipway.core.pipeline.PipelineTestSupport;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The targets' REST API, with plain http NOT allowed (the default). */
class NotificationTargetsApiTest {
    private static final String SECRET = "a-long-shared-secret-0123";
    private static PipelineTestSupport t;

    @BeforeAll
    static void start() {
        t = NotificationsTestSupport.start();
        t.app("web", Map.of());
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    private static HttpResponse<String> post(String path, Object body) {
        return t.server.postJson(path, write(body));
    }

    private static HttpResponse<String> patch(String path, Object body) {
        return t.server.send(HttpRequest.newBuilder(t.server.uri(path)).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(write(body))).build());
    }

    private static Map<String, Object> webhook(String name, String url) {
        return Map.of("name", name, "notifier", Map.of("type", "webhook", "config", Map.of("url", url, "secret", SECRET)),
                "events", List.of("failed"));
    }

    private static JsonNode fields(HttpResponse<String> r) {
        ok(r, 400);
        return read(r.body()).get("error").get("details").get("fields");
    }

    @Test
    void createsShowsChangesAndDeletesAGlobalTargetWithoutEverReturningItsSecret() {
        HttpResponse<String> created = post("/api/v1/notification-targets", webhook("ops", "https://hooks.example/ops"));
        ok(created, 201);
        assertFalse(created.body().contains(SECRET), created.body());
        JsonNode target = read(created.body());
        long id = target.get("id").asLong();
        assertEquals("webhook", target.get("notifier").get("type").asText());
        assertEquals("https://hooks.example/ops", target.get("notifier").get("config").get("url").asText());
        assertEquals("secret", target.get("notifier").get("secretsSet").get(0).asText());
        assertEquals(List.of("failed"), List.of(target.get("events").get(0).asText()));
        assertTrue(created.headers().firstValue("Location").orElseThrow().endsWith("/notification-targets/" + id));

        HttpResponse<String> changed = patch("/api/v1/notification-targets/" + id, Map.of("name", "ops team",
                "events", List.of("failed", "rolled_back"), "notifier", Map.of("type", "webhook", "config",
                        Map.of("url", "https://hooks.example/ops2"))));
        ok(changed, 200);
        JsonNode after = read(changed.body());
        assertEquals("ops team", after.get("name").asText());
        assertEquals(2, after.get("events").size());
        assertEquals("secret", after.get("notifier").get("secretsSet").get(0).asText(), "the secret was kept");
        assertFalse(changed.body().contains(SECRET));

        String list = t.server.get("/api/v1/notification-targets").body();
        assertTrue(list.contains("ops team"), list);
        ok(t.server.send(HttpRequest.newBuilder(t.server.uri("/api/v1/notification-targets/" + id)).DELETE().build()), 204);
        ok(t.server.get("/api/v1/notification-targets/" + id), 404);
    }

    @Test
    void anAppsTargetsAreListedWithTheAppOnly() {
        ok(post("/api/v1/apps/web/notification-targets", webhook("web team", "https://hooks.example/web")), 201);
        assertTrue(t.server.get("/api/v1/apps/web/notification-targets").body().contains("web team"));
        assertFalse(t.server.get("/api/v1/notification-targets").body().contains("web team"));
    }

    @Test
    void rejectsAPlainHttpUrlUnlessTheAdministratorAllowsIt() {
        JsonNode fields = fields(post("/api/v1/notification-targets", webhook("plain", "http://hooks.example/x")));
        assertTrue(fields.get("notifier.config.url").asText().contains("https"), fields.toString());
    }

    @Test
    void rejectsAWebhookUrlThatIsNotAUrl() {
        JsonNode fields = fields(post("/api/v1/notification-targets", webhook("broken", "hooks example x")));
        assertTrue(fields.has("notifier.config.url"), fields.toString());
    }

    @Test
    void rejectsAShortSigningSecret() {
        JsonNode fields = fields(post("/api/v1/notification-targets", Map.of("name", "weak", "notifier",
                Map.of("type", "webhook", "config", Map.of("url", "https://hooks.example/x", "secret", "short")))));
        assertTrue(fields.has("notifier.config.secret"), fields.toString());
    }

    @Test
    void rejectsASlackTokenThatIsNotOne() {
        JsonNode fields = fields(post("/api/v1/notification-targets", Map.of("name", "chat", "notifier",
                Map.of("type", "slack", "config", Map.of("token", "ghp_notslack", "channel", "C1")))));
        assertTrue(fields.get("notifier.config.token").asText().contains("xoxb-"), fields.toString());
    }

    @Test
    void rejectsAPlainHttpSlackWebhook() {
        JsonNode fields = fields(post("/api/v1/notification-targets", Map.of("name", "chat", "notifier",
                Map.of("type", "slack", "config", Map.of("webhookUrl", "http://hooks.slack.example/x")))));
        assertTrue(fields.has("notifier.config.webhookUrl"), fields.toString());
    }

    @Test
    void rejectsAnUnknownEvent() {
        Map<String, Object> body = Map.of("name", "x", "notifier", Map.of("type", "webhook", "config",
                Map.of("url", "https://hooks.example/x", "secret", SECRET)), "events", List.of("exploded"));
        assertTrue(fields(post("/api/v1/notification-targets", body)).get("events").asText().contains("exploded"));
    }

    @Test
    void rejectsAnEmptyEventList() {
        Map<String, Object> body = Map.of("name", "x", "notifier", Map.of("type", "webhook", "config",
                Map.of("url", "https://hooks.example/x", "secret", SECRET)), "events", List.of());
        assertTrue(fields(post("/api/v1/notification-targets", body)).has("events"));
    }

    @Test
    void rejectsAnUnknownNotifier() {
        JsonNode fields = fields(post("/api/v1/notification-targets", Map.of("name", "x", "notifier",
                Map.of("type", "carrier-pigeon", "config", Map.of()))));
        assertTrue(fields.get("notifier.type").asText().contains("webhook"), fields.toString());
    }

    @Test
    void rejectsATargetWithoutNameOrNotifier() {
        JsonNode fields = fields(post("/api/v1/notification-targets", Map.of("events", List.of("failed"))));
        assertTrue(fields.has("name") && fields.has("notifier"), fields.toString());
    }

    @Test
    void refusesASecondTargetOfTheSameName() {
        ok(post("/api/v1/notification-targets", webhook("twice", "https://hooks.example/1")), 201);
        ok(post("/api/v1/notification-targets", webhook("twice", "https://hooks.example/2")), 409);
    }

    @Test
    void answers404ForAnUnknownAppOrTarget() {
        ok(post("/api/v1/apps/nope/notification-targets", webhook("x", "https://hooks.example/x")), 404);
        ok(t.server.get("/api/v1/notification-targets/999999"), 404);
        ok(t.server.postJson("/api/v1/notification-targets/999999/test", ""), 404);
    }

    @Test
    void theTestButtonReportsAnUnreachableReceiver() {
        HttpResponse<String> created = post("/api/v1/notification-targets", webhook("unreachable",
                "https://127.0.0.1:1/hook"));
        ok(created, 201);
        long id = read(created.body()).get("id").asLong();
        HttpResponse<String> tested = t.server.postJson("/api/v1/notification-targets/" + id + "/test", "");
        ok(tested, 200);
        JsonNode result = read(tested.body());
        assertEquals("FAILED", result.get("status").asText());
        assertEquals("test", result.get("event").asText());
        assertTrue(result.get("lastError").asText().contains("could not be reached"), result.toString());
        assertEquals("test", read(t.server.get("/api/v1/notification-targets/" + id).body()).get("lastFailure")
                .get("event").asText());
    }
}
