package io.slipway.core.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.slipway.core.plugins.ExtensionRegistry;
import io.slipway.core.plugins.RegisteredExtension;
import io.slipway.core.testing.TestServer;
import io.slipway.plugin.api.ExtensionPointId;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Stored secrets (an app's secret config field, a secret env var and an environment's secret
 * override of it, a notification target's signing secret) appear in no API answer and no page, whichever lists or shows their owner.
 */
class SecretsNeverShownTest {
    private static final List<String> SECRETS = List.of("cfg-token-0f9e8d7c6b", "env-secret-1a2b3c4d5e",
            "hook-secret-9z8y7x6w5v4u", "env-override-secret-6f5e4d");

    @Test
    void noAnswerOrPageContainsAStoredSecret() {
        try (TestServer server = TestServer.start()) {
            server.core().service(ExtensionRegistry.class).put("secrets-test", List.of(
                    new RegisteredExtension(ExtensionPointId.SOURCE, "secrets-test", new KeyRotationTest.TokenSource())));
            ok(server.postJson("/api/v1/projects", "{\"name\":\"hidden\"}"), 201);
            ok(server.postJson("/api/v1/apps", "{\"project\":\"hidden\",\"name\":\"quiet\",\"source\":{\"type\":"
                    + "\"token-git\",\"config\":{\"url\":\"https://example.com/r.git\",\"token\":\"" + SECRETS.get(0) + "\"}}}"), 201);
            ok(server.send("PUT", "/api/v1/apps/quiet/env/API_KEY", "{\"value\":\"" + SECRETS.get(1) + "\",\"secret\":true}"), 200);
            ok(server.postJson("/api/v1/apps/quiet/environments", "{\"name\":\"staging\"}"), 201);
            ok(server.send("PUT", "/api/v1/apps/quiet/environments/staging/env/API_KEY", "{\"value\":\"" + SECRETS.get(3)
                    + "\",\"secret\":true}"), 200);
            HttpResponse<String> target = server.postJson("/api/v1/apps/quiet/notification-targets", "{\"name\":\"hook\","
                    + "\"notifier\":{\"type\":\"webhook\",\"config\":{\"url\":\"https://hooks.example/x\",\"secret\":\""
                    + SECRETS.get(2) + "\"}},\"events\":[\"failed\"]}");
            ok(target, 201);
            for (String path : List.of("/api/v1/apps/quiet", "/api/v1/apps/quiet/env", "/api/v1/notification-targets",
                    "/api/v1/apps/quiet/notification-targets", "/api/v1/audit", "/api/v1/extensions",
                    "/apps/quiet", "/apps/quiet/notifications", "/notifications", "/audit", "/",
                    "/api/v1/apps/quiet/environments/staging/env", "/apps/quiet/environments/staging")) {
                HttpResponse<String> r = server.get(path);
                assertEquals(200, r.statusCode(), path + ": " + r.body());
                SECRETS.forEach(s -> assertFalse(r.body().contains(s), path + " shows a secret: " + r.body()));
            }
        }
    }

    private static void ok(HttpResponse<String> r, int status) {
        assertEquals(status, r.statusCode(), r.body());
    }
}
