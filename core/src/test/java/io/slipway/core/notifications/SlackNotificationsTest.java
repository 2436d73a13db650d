package io.slipway.core.notifications;

import static io.slipway.core.notifications.NotificationsTestSupport.awaitDelivery;
import static io.slipway.core.notifications.NotificationsTestSupport.status;
import static io.slipway.core.notifications.NotificationsTestSupport.target;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.slipway.core.pipeline.PipelineTestSupport;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The pipeline's events reach Slack through the bundled Slack plugin (a fake Slack on 127.0.0.1). */
class SlackNotificationsTest {
    private static PipelineTestSupport t;
    private static FakeEndpoint slack;

    @BeforeAll
    static void start() {
        System.setProperty("slipway.notifications.backoffMillis", "50");
        System.setProperty("slipway.notifications.attempts", "3");
        t = NotificationsTestSupport.start();
        t.ok(t.server.send("PATCH", "/api/v1/settings", "{\"notifications.allowHttp\": true}"), 200);
        slack = new FakeEndpoint();
    }

    @AfterAll
    static void stop() {
        System.clearProperty("slipway.notifications.backoffMillis");
        System.clearProperty("slipway.notifications.attempts");
        slack.close();
        t.close();
    }

    private static long slackTarget(String app, String api, List<String> events) {
        return target(t, Optional.of(app), "team chat", "slack", Map.of("token", "xoxb-1234-5678-abcdef",
                "channel", "C1", "apiBaseUrl", slack.url(api)), events);
    }

    private static String header(FakeEndpoint.Request r) {
        return r.json().get("attachments").get(0).get("blocks").get(0).get("text").get("text").asText();
    }

    @Test
    void oneDeploymentIsOneMessageUpdatedUntilItIsLive() {
        t.app("chat-one", Map.of());
        long target = slackTarget("chat-one", "/one", List.of("queued", "started", "progress", "succeeded", "failed"));
        long id = t.deploy("chat-one");
        assertEquals("ACTIVE", t.awaitFinal(id).get("phase").asText());
        awaitDelivery(t, target, status("succeeded", "SENT"), Duration.ofSeconds(10));
        List<FakeEndpoint.Request> posts = slack.requests("/one/chat.postMessage");
        List<FakeEndpoint.Request> updates = slack.requests("/one/chat.update");
        assertEquals(1, posts.size(), "one message per deployment");
        assertEquals(":hourglass_flowing_sand: chat-one → production: queued", header(posts.get(0)));
        assertEquals(6, updates.size(), "started, four running phases and live update that message");
        for (FakeEndpoint.Request u : updates) {
            assertEquals("1700000000.000100", u.json().get("ts").asText());
            assertEquals("C1", u.json().get("channel").asText());
        }
        assertEquals(":white_check_mark: chat-one → production: live", header(updates.get(updates.size() - 1)));
        assertEquals("Bearer xoxb-1234-5678-abcdef", posts.get(0).headers().getFirst("Authorization"));
    }

    @Test
    void aFailedDeploymentsMessageNamesThePhaseAndShowsTheLastLogLines() {
        t.app("chat-fail", Map.of("builder", "fail"));
        long target = slackTarget("chat-fail", "/fail", List.of("failed"));
        long id = t.deploy("chat-fail");
        assertEquals("FAILED", t.awaitFinal(id).get("phase").asText());
        awaitDelivery(t, target, status("failed", "SENT"), Duration.ofSeconds(10));
        FakeEndpoint.Request post = slack.requests("/fail/chat.postMessage").get(0);
        JsonNode attachment = post.json().get("attachments").get(0);
        assertEquals("#e01e5a", attachment.get("color").asText());
        JsonNode blocks = attachment.get("blocks");
        assertEquals(":x: chat-fail → production: failed", blocks.get(0).get("text").get("text").asText());
        assertEquals("*Status*\n:x: failed", blocks.get(1).get("fields").get(2).get("text").asText());
        String failed = blocks.get(2).get("text").get("text").asText();
        assertTrue(failed.startsWith("*Failed in building:*") && failed.contains("failed on purpose"), failed);
        String log = blocks.get(3).get("text").get("text").asText();
        assertTrue(log.startsWith("*Last log lines:*\n```") && log.contains("[BUILDING]"), log);
        JsonNode button = blocks.get(4).get("elements").get(0);
        assertEquals("http://localhost/deployments/" + id, button.get("url").asText());
    }

    @Test
    void aRateLimitedMessageIsSentAgainAfterRetryAfter() {
        t.app("chat-429", Map.of());
        slack.answer("/limited/chat.postMessage", "429");
        long target = slackTarget("chat-429", "/limited", List.of("succeeded"));
        t.awaitFinal(t.deploy("chat-429"));
        JsonNode sent = awaitDelivery(t, target, status("succeeded", "SENT"), Duration.ofSeconds(10));
        assertEquals(2, sent.get("attempts").asInt());
        List<FakeEndpoint.Request> posts = slack.requests("/limited/chat.postMessage");
        assertEquals(2, posts.size());
        long gap = Duration.ofNanos(posts.get(1).atNanos() - posts.get(0).atNanos()).toMillis();
        assertTrue(gap >= 950, "retried after Retry-After: 1 (took " + gap + " ms), not the 50 ms back-off");
    }

    @Test
    void channelNotFoundIsShownOnTheTargetAndNotRetried() {
        t.app("chat-gone", Map.of());
        slack.answer("/gone/chat.postMessage", "error:channel_not_found", "error:channel_not_found",
                "error:channel_not_found");
        long target = slackTarget("chat-gone", "/gone", List.of("succeeded"));
        assertEquals("ACTIVE", t.awaitFinal(t.deploy("chat-gone")).get("phase").asText());
        JsonNode failed = awaitDelivery(t, target, status("succeeded", "FAILED"), Duration.ofSeconds(10));
        assertEquals(1, failed.get("attempts").asInt());
        PipelineTestSupport.sleep(300);
        assertEquals(1, slack.requests("/gone/chat.postMessage").size(), "a permanent failure is not retried");
        String lastError = target(t, target).get("lastFailure").get("lastError").asText();
        assertTrue(lastError.contains("channel_not_found") && lastError.contains("invite the bot"), lastError);
        String page = t.server.get("/apps/chat-gone/notifications").body();
        assertTrue(page.contains("Last failure") && page.contains("channel_not_found"), page);
    }

    @Test
    void theTestButtonReportsInvalidAuthAtOnce() {
        t.app("chat-auth", Map.of());
        slack.answer("/auth/chat.postMessage", "error:invalid_auth");
        long target = slackTarget("chat-auth", "/auth", List.of("failed"));
        JsonNode result = PipelineTestSupport.read(t.server.postJson("/api/v1/notification-targets/" + target + "/test",
                "").body());
        assertEquals("FAILED", result.get("status").asText(), result.toString());
        assertEquals(1, result.get("attempts").asInt());
        assertTrue(result.get("lastError").asText().contains("invalid_auth"), result.toString());
        assertEquals(1, slack.requests("/auth/chat.postMessage").size());
    }

    @Test
    void theTestButtonPostsATestMessage() {
        t.app("chat-test", Map.of());
        long target = slackTarget("chat-test", "/test", List.of("failed"));
        JsonNode result = PipelineTestSupport.read(t.server.postJson("/api/v1/notification-targets/" + target + "/test",
                "").body());
        assertEquals("SENT", result.get("status").asText(), result.toString());
        assertEquals(":wave: Test notification from Slipway for chat-test",
                header(slack.requests("/test/chat.postMessage").get(0)));
    }
}
