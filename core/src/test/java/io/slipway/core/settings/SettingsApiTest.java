package io.slipway.core.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.slipway.core.http.JsonMapper;
import io.slipway.core.testing.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The administrator's policies through /api/v1/settings and /settings, and what they switch. */
class SettingsApiTest {
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void everyPolicyIsOffUntilAnAdministratorSwitchesItOn() {
        set("{\"git.localPaths\": false, \"notifications.allowHttp\": false}");
        JsonNode before = json(server.get("/api/v1/settings"));
        assertFalse(before.path("git.localPaths").asBoolean(true), before.toString());
        assertFalse(before.path("notifications.allowHttp").asBoolean(true), before.toString());
        assertFalse(server.core().service(ServerSettings.class).allows("git.localPaths"));

        JsonNode after = json(set("{\"git.localPaths\": true}"));
        assertTrue(after.path("git.localPaths").asBoolean());
        assertFalse(after.path("notifications.allowHttp").asBoolean());
        assertTrue(json(server.get("/api/v1/settings")).path("git.localPaths").asBoolean());
        assertTrue(server.core().service(ServerSettings.class).allows("git.localPaths"));
        assertFalse(server.core().service(ServerSettings.class).allows("no.such.policy"));
        JsonNode audited = json(server.get("/api/v1/audit?action=setting.update&limit=1")).path("items").path(0);
        assertEquals("true", audited.path("details").path("git.localPaths").asText(), audited.toString());
        set("{\"git.localPaths\": false}");
        assertFalse(server.core().service(ServerSettings.class).allows("git.localPaths"));
    }

    @Test
    void refusesBodiesThatAreNotAMapOfKnownSettingsToBooleans() {
        Map<String, String> bad = Map.of(
                "{\"git.localPaths\": tru", "malformed_json",
                "[true]", "invalid_json",
                "{}", "invalid_input",
                "{\"git.localPaths\": \"yes\"}", "invalid_input",
                "{\"shell.everything\": true}", "invalid_input",
                "{\"notifications.allowHttp\": null}", "invalid_input");
        bad.forEach((body, code) -> {
            HttpResponse<String> r = server.send("PATCH", "/api/v1/settings", body);
            assertEquals(400, r.statusCode(), body + ": " + r.body());
            assertEquals(code, json(r).path("error").path("code").asText(), body + ": " + r.body());
        });
        HttpResponse<String> none = server.send("PATCH", "/api/v1/settings", null);
        assertEquals(400, none.statusCode(), none.body());
        assertFalse(json(server.get("/api/v1/settings")).path("notifications.allowHttp").asBoolean());
    }

    @Test
    void plainHttpNotificationTargetsNeedThePolicy() {
        set("{\"notifications.allowHttp\": false}");
        String target = "{\"name\":\"hook\",\"notifier\":{\"type\":\"webhook\",\"config\":{\"url\":"
                + "\"http://127.0.0.1:9/x\",\"secret\":\"0123456789abcdef0123\"}},\"events\":[\"failed\"]}";
        HttpResponse<String> refused = server.postJson("/api/v1/notification-targets", target);
        assertEquals(400, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("must use https"), refused.body());
        set("{\"notifications.allowHttp\": true}");
        HttpResponse<String> accepted = server.postJson("/api/v1/notification-targets", target);
        assertEquals(201, accepted.statusCode(), accepted.body());
        set("{\"notifications.allowHttp\": false}");
    }

    @Test
    void theSettingsPageShowsAndSavesThePolicies() {
        set("{\"git.localPaths\": false, \"notifications.allowHttp\": false}");
        HttpResponse<String> page = server.get("/settings");
        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.body().contains("name=\"git.localPaths\""), page.body());
        assertTrue(page.body().contains("name=\"notifications.allowHttp\""), page.body());

        HttpResponse<String> saved = server.send(HttpRequest.newBuilder(server.uri("/settings"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("notifications.allowHttp=on")).build());
        assertEquals(303, saved.statusCode(), saved.body());
        JsonNode now = json(server.get("/api/v1/settings"));
        assertTrue(now.path("notifications.allowHttp").asBoolean());
        assertFalse(now.path("git.localPaths").asBoolean());
        assertTrue(server.get("/settings?done=saved").body().contains("Settings saved."));
        set("{\"notifications.allowHttp\": false}");
    }

    private static HttpResponse<String> set(String body) {
        HttpResponse<String> r = server.send("PATCH", "/api/v1/settings", body);
        assertEquals(200, r.statusCode(), r.body());
        return r;
    }

    private static JsonNode json(HttpResponse<String> r) {
        try {
            return JsonMapper.create().readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON (" + r.statusCode() + "): " + r.body(), e);
        }
    }
}
