package io.slipway.core.notifications;

import static io.slipway.core.notifications.NotificationsTestSupport.target;
import static io.slipway.core.pipeline.PipelineTestSupport.ok;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.core.pipeline.PipelineTestSupport;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class NotificationPagesTest {
    private static final String SECRET = "a-long-shared-secret-0123";
    private static PipelineTestSupport t;

    @BeforeAll
    static void start() {
        t = NotificationsTestSupport.start();
        t.app("paged", Map.of());
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    private static HttpResponse<String> form(String path, String... fields) {
        StringJoiner body = new StringJoiner("&");
        for (int i = 0; i < fields.length; i += 2) {
            body.add(URLEncoder.encode(fields[i], StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(fields[i + 1], StandardCharsets.UTF_8));
        }
        return t.server.send(HttpRequest.newBuilder(t.server.uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
    }

    @Test
    void theAppPageLinksToItsNotificationTargets() {
        String page = t.server.get("/apps/paged").body();
        assertTrue(page.contains("/apps/paged/notifications"), page);
    }

    @Test
    void theTestButtonShowsAFailureOnTheTargetsPage() {
        long id = target(t, Optional.empty(), "ops hook", "webhook", Map.of("url", "https://127.0.0.1:1/hook",
                "secret", SECRET), List.of("failed"));
        HttpResponse<String> tested = form("/notifications/targets/" + id + "/test");
        ok(tested, 200);
        assertTrue(tested.body().contains("The test notification failed"), tested.body());
        String page = t.server.get("/notifications").body();
        assertTrue(page.contains("ops hook") && page.contains("Last failure") && page.contains("could not be reached"),
                page);
        ok(form("/notifications/targets/" + id + "/delete"), 200);
        assertFalse(t.server.get("/notifications").body().contains("ops hook"));
    }

    @Test
    void addsAnAppsSlackTargetThroughTheFormAndShowsFieldErrors() {
        String empty = t.server.get("/apps/paged/notifications/new?type=slack").body();
        assertTrue(empty.contains("name=\"config.token\"") && empty.contains("name=\"event.failed\""), empty);
        HttpResponse<String> refused = form("/apps/paged/notifications?type=slack", "name", "chat",
                "config.token", "not-a-token", "config.channel", "C1", "event.failed", "true");
        ok(refused, 400);
        assertTrue(refused.body().contains("is not a Slack token"), refused.body());
        HttpResponse<String> added = form("/apps/paged/notifications?type=slack", "name", "chat",
                "config.token", "xoxb-1234-5678-abcdef", "config.channel", "C1", "event.failed", "true");
        ok(added, 201);
        assertFalse(added.body().contains("xoxb-1234"), "the token is never shown");
        String page = t.server.get("/apps/paged/notifications").body();
        assertTrue(page.contains("chat") && page.contains("failed"), page);
        assertFalse(t.server.get("/notifications").body().contains("target-chat"));
    }

    @Test
    void answers404ForATargetOfAnotherScope() {
        long id = target(t, Optional.empty(), "global only", "webhook", Map.of("url", "https://hooks.example/x",
                "secret", SECRET), List.of("failed"));
        ok(form("/apps/paged/notifications/targets/" + id + "/delete"), 404);
        ok(t.server.get("/apps/nope/notifications"), 404);
    }
}
