package io.slipway.plugins.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.slipway.plugin.api.config.Config;
import io.slipway.plugin.api.notify.DeploymentDetails;
import io.slipway.plugin.api.notify.DeploymentEvent;
import io.slipway.plugin.api.notify.DeploymentPhase;
import io.slipway.plugin.api.notify.NotifierRetryException;
import io.slipway.plugin.testkit.TestPluginContext;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SlackNotifierTest {
    private static final Instant STARTED = Instant.parse("2026-11-24T10:00:00Z");
    private static final String SHA = "0123456789abcdef0123456789abcdef01234567";

    @TempDir
    Path dataDir;
    private FakeSlack slack;
    private SlackNotifier notifier;

    @BeforeEach
    void start() {
        slack = new FakeSlack();
        notifier = new SlackNotifier(new TestPluginContext("slack", dataDir).allow(SlackSettings.ALLOW_HTTP));
    }

    @AfterEach
    void stop() {
        slack.close();
    }

    private Config bot(Map<String, Object> more) {
        Map<String, Object> raw = new LinkedHashMap<>(Map.of("token", "xoxb-1234-5678-abcdef", "channel", "C1",
                "apiBaseUrl", slack.url("/api")));
        raw.putAll(more);
        Config config = notifier.configSchema().parse(raw);
        assertEquals(List.of(), notifier.validate(config));
        return config;
    }

    private static DeploymentEvent event(String id, DeploymentPhase phase, Optional<String> error,
                                         DeploymentDetails details) {
        return new DeploymentEvent(id, "web", "production", phase, Optional.of(SHA), "push by ada",
                "https://slipway.example/deployments/" + id, STARTED.plusSeconds(83), error, details);
    }

    private static DeploymentDetails details(String name, Optional<DeploymentPhase> failedPhase, List<String> tail) {
        return new DeploymentDetails(name, Optional.of("Ada Lovelace"), Optional.of("Fix the cart"),
                Optional.of(STARTED), failedPhase, tail,
                Map.of(DeploymentDetails.COMMIT_LINK, "https://github.com/acme/web/commit/" + SHA));
    }

    private static JsonNode blocks(FakeSlack.Call call) {
        return call.body().get("attachments").get(0).get("blocks");
    }

    @Test
    void postsASuccessMessageBlockByBlock() {
        notifier.notify(event("7", DeploymentPhase.ACTIVE, Optional.empty(), details("succeeded", Optional.empty(),
                List.of())), bot(Map.of()));
        FakeSlack.Call call = slack.calls("/api/chat.postMessage").get(0);
        assertEquals("Bearer xoxb-1234-5678-abcdef", call.authorization());
        assertEquals("C1", call.body().get("channel").asText());
        assertEquals("#2eb67d", call.body().get("attachments").get(0).get("color").asText());
        JsonNode blocks = blocks(call);
        assertEquals(3, blocks.size(), blocks.toString());
        assertEquals("header", blocks.get(0).get("type").asText());
        assertEquals(":white_check_mark: web → production: live", blocks.get(0).get("text").get("text").asText());
        JsonNode fields = blocks.get(1).get("fields");
        assertEquals("*App*\nweb", fields.get(0).get("text").asText());
        assertEquals("*Environment*\nproduction", fields.get(1).get("text").asText());
        assertEquals("*Status*\n:white_check_mark: live", fields.get(2).get("text").asText());
        assertEquals("*Revision*\n<https://github.com/acme/web/commit/" + SHA + "|0123456789ab>",
                fields.get(3).get("text").asText());
        assertEquals("*Author*\nAda Lovelace", fields.get(4).get("text").asText());
        assertEquals("*Trigger*\npush by ada", fields.get(5).get("text").asText());
        assertEquals("*Duration*\n1 min 23 s", fields.get(6).get("text").asText());
        JsonNode button = blocks.get(2).get("elements").get(0);
        assertEquals("actions", blocks.get(2).get("type").asText());
        assertEquals("https://slipway.example/deployments/7", button.get("url").asText());
        assertEquals("View deployment", button.get("text").get("text").asText());
    }

    @Test
    void postsAFailureWithTheFailingPhaseTheLastLogLinesAndTheMention() {
        Config config = bot(Map.of("mentionOnFailure", "@here", "mentionEnvironments", "production"));
        notifier.notify(event("8", DeploymentPhase.FAILED, Optional.of("npm run build exited with 1"),
                details("failed", Optional.of(DeploymentPhase.BUILDING), List.of("step 3/5", "error: <missing> ***"))),
                config);
        FakeSlack.Call call = slack.calls("/api/chat.postMessage").get(0);
        assertTrue(call.body().get("text").asText().startsWith("<!here> :x: web → production: failed"),
                call.body().toString());
        assertEquals("#e01e5a", call.body().get("attachments").get(0).get("color").asText());
        JsonNode blocks = blocks(call);
        assertEquals(":x: web → production: failed", blocks.get(0).get("text").get("text").asText());
        assertEquals("*Status*\n:x: failed", blocks.get(1).get("fields").get(2).get("text").asText());
        assertEquals("*Failed in building:* npm run build exited with 1", blocks.get(2).get("text").get("text").asText());
        assertEquals("*Last log lines:*\n```step 3/5\nerror: &lt;missing&gt; ***```",
                blocks.get(3).get("text").get("text").asText());
        assertEquals("actions", blocks.get(4).get("type").asText());
        assertEquals("<!here>", blocks.get(5).get("elements").get(0).get("text").asText());
    }

    @Test
    void mentionsOnlyInTheConfiguredEnvironments() {
        Config config = bot(Map.of("mentionOnFailure", "@here", "mentionEnvironments", "staging"));
        notifier.notify(event("9", DeploymentPhase.FAILED, Optional.of("boom"), details("failed", Optional.empty(),
                List.of())), config);
        assertFalse(slack.calls("/api/chat.postMessage").get(0).body().get("text").asText().contains("<!here>"));
    }

    @Test
    void oneDeploymentIsOneMessageUpdatedAsItProgresses() {
        Config config = bot(Map.of());
        notifier.notify(event("10", DeploymentPhase.QUEUED, Optional.empty(), details("queued", Optional.empty(),
                List.of())), config);
        notifier.notify(event("10", DeploymentPhase.BUILDING, Optional.empty(), details("progress", Optional.empty(),
                List.of())), config);
        notifier.notify(event("10", DeploymentPhase.ACTIVE, Optional.empty(), details("succeeded", Optional.empty(),
                List.of())), config);
        assertEquals(1, slack.calls("/api/chat.postMessage").size());
        List<FakeSlack.Call> updates = slack.calls("/api/chat.update");
        assertEquals(2, updates.size());
        assertEquals("1700000000.000100", updates.get(1).body().get("ts").asText());
        assertEquals("C1", updates.get(1).body().get("channel").asText());
        assertTrue(blocks(updates.get(1)).get(0).get("text").get("text").asText().endsWith("live"));
        notifier.notify(event("11", DeploymentPhase.QUEUED, Optional.empty(), details("queued", Optional.empty(),
                List.of())), config);
        assertEquals(2, slack.calls("/api/chat.postMessage").size(), "another deployment gets its own message");
    }

    @Test
    void aRunningDeploymentShowsItsPhaseAndADegradedOneIsAWarning() {
        Config config = bot(Map.of("mentionOnFailure", "@channel"));
        notifier.notify(event("20", DeploymentPhase.HEALTH_CHECKING, Optional.empty(), DeploymentDetails.only("progress")),
                config);
        JsonNode running = blocks(slack.calls("/api/chat.postMessage").get(0));
        assertEquals("*Status*\n:arrows_counterclockwise: deploying (health checking)",
                running.get(1).get("fields").get(2).get("text").asText());
        notifier.notify(event("21", DeploymentPhase.ACTIVE, Optional.empty(), DeploymentDetails.only("health_degraded")),
                config);
        FakeSlack.Call degraded = slack.calls("/api/chat.postMessage").get(1);
        assertEquals("#ecb22e", degraded.body().get("attachments").get(0).get("color").asText());
        assertTrue(degraded.body().get("text").asText().startsWith("<!channel> :warning:"), degraded.body().toString());
    }

    @Test
    void aMessageSlackLostIsPostedAgain() {
        Config config = bot(Map.of());
        notifier.notify(event("12", DeploymentPhase.QUEUED, Optional.empty(), DeploymentDetails.only("queued")), config);
        slack.answer("/api/chat.update", "error:message_not_found");
        notifier.notify(event("12", DeploymentPhase.ACTIVE, Optional.empty(), DeploymentDetails.only("succeeded")), config);
        assertEquals(2, slack.calls("/api/chat.postMessage").size());
    }

    @Test
    void aRateLimitPassesSlacksRetryAfterOn() {
        slack.answer("/api/chat.postMessage", "429");
        NotifierRetryException e = assertThrows(NotifierRetryException.class, () -> notifier.notify(
                event("13", DeploymentPhase.QUEUED, Optional.empty(), DeploymentDetails.only("queued")), bot(Map.of())));
        assertEquals(Optional.of(Duration.ofSeconds(1)), e.retryAfter());
        assertFalse(e.isPermanent());
    }

    @Test
    void channelNotFoundIsAPermanentFailureWithAHint() {
        slack.answer("/api/chat.postMessage", "error:channel_not_found");
        NotifierRetryException e = assertThrows(NotifierRetryException.class, () -> notifier.notify(
                event("14", DeploymentPhase.QUEUED, Optional.empty(), DeploymentDetails.only("queued")), bot(Map.of())));
        assertTrue(e.isPermanent());
        assertTrue(e.getMessage().contains("channel_not_found") && e.getMessage().contains("/invite"), e.getMessage());
    }

    @Test
    void invalidAuthIsAPermanentFailure() {
        slack.answer("/api/chat.postMessage", "error:invalid_auth");
        NotifierRetryException e = assertThrows(NotifierRetryException.class, () -> notifier.notify(
                event("15", DeploymentPhase.QUEUED, Optional.empty(), DeploymentDetails.only("queued")), bot(Map.of())));
        assertTrue(e.isPermanent());
        assertTrue(e.getMessage().contains("invalid_auth"), e.getMessage());
    }

    @Test
    void anUnknownSlackErrorIsRetried() {
        slack.answer("/api/chat.postMessage", "error:internal_error");
        NotifierRetryException e = assertThrows(NotifierRetryException.class, () -> notifier.notify(
                event("16", DeploymentPhase.QUEUED, Optional.empty(), DeploymentDetails.only("queued")), bot(Map.of())));
        assertFalse(e.isPermanent());
    }

    @Test
    void anIncomingWebhookGetsOneMessagePerEvent() {
        Config config = notifier.configSchema().parse(Map.of("webhookUrl", slack.url("/hook")));
        assertEquals(List.of(), notifier.validate(config));
        notifier.notify(event("17", DeploymentPhase.QUEUED, Optional.empty(), DeploymentDetails.only("queued")), config);
        notifier.notify(event("17", DeploymentPhase.ACTIVE, Optional.empty(), DeploymentDetails.only("succeeded")), config);
        List<FakeSlack.Call> posts = slack.calls("/hook");
        assertEquals(2, posts.size());
        assertEquals(null, posts.get(0).authorization());
        assertTrue(blocks(posts.get(1)).get(0).get("text").get("text").asText().endsWith("live"));
    }

    @Test
    void aRemovedIncomingWebhookIsAPermanentFailure() {
        slack.answer("/hook", "http:404:no_service");
        Config config = notifier.configSchema().parse(Map.of("webhookUrl", slack.url("/hook")));
        NotifierRetryException e = assertThrows(NotifierRetryException.class, () -> notifier.notify(
                event("18", DeploymentPhase.QUEUED, Optional.empty(), DeploymentDetails.only("queued")), config));
        assertTrue(e.isPermanent());
        assertTrue(e.getMessage().contains("no_service"), e.getMessage());
    }

    @Test
    void aTestEventIsPostedWithoutAButtonAndNeverUpdated() {
        Config config = bot(Map.of());
        DeploymentEvent test = event("test", DeploymentPhase.ACTIVE, Optional.empty(), DeploymentDetails.only("test"));
        notifier.notify(test, config);
        notifier.notify(test, config);
        assertEquals(2, slack.calls("/api/chat.postMessage").size());
        JsonNode blocks = blocks(slack.calls("/api/chat.postMessage").get(0));
        assertEquals(":wave: Test notification from Slipway for web", blocks.get(0).get("text").get("text").asText());
        for (JsonNode b : blocks) {
            assertFalse(b.get("type").asText().equals("actions"));
        }
    }

    @Test
    void testConnectionAsksSlackWhoTheTokenIs() {
        assertEquals("Connected to Slack workspace Acme as slipway", notifier.testConnection(bot(Map.of())).message());
        slack.answer("/api/auth.test", "error:invalid_auth");
        assertFalse(notifier.testConnection(bot(Map.of())).ok());
    }
}
