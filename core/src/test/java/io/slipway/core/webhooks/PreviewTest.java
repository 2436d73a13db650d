package io.slipway.core.webhooks;

import static io.slipway.core.pipeline.PipelineTestSupport.read;
import static io.slipway.core.webhooks.WebhookTestSupport.SHA;
import static io.slipway.core.webhooks.WebhookTestSupport.SHA2;
import static io.slipway.core.webhooks.WebhookTestSupport.pullRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.slipway.core.pipeline.PipelineTestSupport;
import io.slipway.core.router.AppRoutes;
import io.slipway.plugin.api.source.PreviewNotice;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PreviewTest {
    private static WebhookTestSupport t;
    private static String secret;

    @BeforeAll
    static void start() {
        t = WebhookTestSupport.start();
        secret = t.app("web", "acme/shop", "main");
        t.rules("web", "{\"rules\": [{\"branch\": \"main\", \"environment\": \"production\"}], \"previews\": true}");
        t.recordNotifications("web", "preview_created", "preview_removed");
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    private static List<String> environments() {
        JsonNode envs = read(t.pipeline.server.get("/api/v1/apps/web/environments").body());
        JsonNode items = envs.has("items") ? envs.get("items") : envs;
        return java.util.stream.StreamSupport.stream(items.spliterator(), false).map(e -> e.get("name").asText()).toList();
    }

    private static boolean routed(String host) {
        return t.pipeline.server.core().service(AppRoutes.class).current().find(host).flatMap(r -> r.backend())
                .isPresent();
    }

    private static void await(BooleanSupplier done, String what) {
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("timed out waiting for " + what);
            }
            PipelineTestSupport.sleep(25);
        }
    }

    @Test
    void pullRequestLifecycleCreatesRedeploysAndRemovesItsPreview() {
        HttpResponse<String> opened = t.deliver("pull_request", pullRequest("acme/shop", "opened", 42, SHA), secret);
        assertEquals(202, opened.statusCode(), opened.body());
        long first = read(opened.body()).get("deployments").get(0).asLong();
        JsonNode d = t.pipeline.awaitFinal(first);
        assertEquals("ACTIVE", d.get("phase").asText(), t.pipeline.log(first));
        assertEquals("pr-42", d.get("environment").asText());
        assertTrue(environments().contains("pr-42"), environments().toString());
        await(() -> routed("web-pr-42.localhost"), "the preview's route");
        await(() -> t.notifier.received().contains("preview_created web pr-42"), "preview created: " + t.notifier.received());

        HttpResponse<String> pushed = t.deliver("pull_request", pullRequest("acme/shop", "synchronize", 42, SHA2), secret);
        assertEquals(202, pushed.statusCode(), pushed.body());
        long second = read(pushed.body()).get("deployments").get(0).asLong();
        JsonNode d2 = t.pipeline.awaitFinal(second);
        assertEquals("ACTIVE", d2.get("phase").asText(), t.pipeline.log(second));
        assertEquals(SHA2, d2.get("revision").asText());
        assertEquals(1, t.notifier.received().stream().filter(e -> e.startsWith("preview_created")).count(),
                "created is announced once: " + t.notifier.received());

        HttpResponse<String> closed = t.deliver("pull_request", pullRequest("acme/shop", "closed", 42, SHA2), secret);
        assertEquals(202, closed.statusCode(), closed.body());
        assertEquals("web/pr-42", read(closed.body()).get("removedPreviews").get(0).asText());
        assertFalse(environments().contains("pr-42"));
        assertFalse(routed("web-pr-42.localhost"));
        assertTrue(t.pipeline.releases().stream().noneMatch(r -> r.contains("~pr-42~")), t.pipeline.releases().toString());
        await(() -> t.notifier.received().contains("preview_removed web pr-42"), "preview removed: " + t.notifier.received());
        assertTrue(environments().contains("production"));
        await(() -> t.publisher.notices().stream().anyMatch(n -> n.state() == PreviewNotice.State.REMOVED),
                "the pull request told of the removal: " + t.publisher.notices());
        PreviewNotice live = t.publisher.notices().get(0);
        assertEquals(PreviewNotice.State.LIVE, live.state());
        assertEquals(42, live.pullRequest());
        assertEquals(java.util.Optional.of("http://web-pr-42.localhost"), live.url());
        var statuses = t.publisher.statuses().stream().filter(st -> st.environment().equals("pr-42")).toList();
        assertTrue(!statuses.isEmpty());
        assertTrue(statuses.stream().allMatch(st -> st.pullRequest().equals(java.util.Optional.of(42))
                && st.environmentUrl().equals(java.util.Optional.of("http://web-pr-42.localhost"))), statuses.toString());
    }

    @Test
    void previewsBeyondTheLimitWaitAndIdleOnesExpire() {
        String own = t.app("limited", "acme/limited", "main");
        t.rules("limited", "{\"rules\": [], \"previews\": true, \"maxPreviews\": 1, \"previewTtlDays\": 3}");
        HttpResponse<String> first = t.deliver("pull_request", pullRequest("acme/limited", "opened", 1, SHA), own);
        assertEquals(1, read(first.body()).get("deployments").size(), first.body());
        t.pipeline.awaitFinal(read(first.body()).get("deployments").get(0).asLong());
        HttpResponse<String> second = t.deliver("pull_request", pullRequest("acme/limited", "opened", 2, SHA), own);
        assertEquals(202, second.statusCode(), second.body());
        assertEquals(0, read(second.body()).get("deployments").size(), second.body());
        assertEquals("limited/pr-2", read(second.body()).get("heldBackPreviews").get(0).asText());
        await(() -> t.publisher.notices().stream().anyMatch(n -> n.pullRequest() == 2
                && n.state() == PreviewNotice.State.HELD_BACK), "the held-back pull request is told");
        HttpResponse<String> again = t.deliver("pull_request", pullRequest("acme/limited", "synchronize", 1, SHA2), own);
        assertEquals(1, read(again.body()).get("deployments").size(), "a live preview keeps deploying: " + again.body());
        t.pipeline.awaitFinal(read(again.body()).get("deployments").get(0).asLong());

        var jdbi = t.pipeline.server.core().service(org.jdbi.v3.core.Jdbi.class);
        var sweeper = t.pipeline.server.core().service(io.slipway.core.previews.PreviewSweeper.class);
        assertEquals(List.of(), sweeper.sweep(), "nothing is idle yet");
        jdbi.useHandle(h -> h.execute("UPDATE previews SET updated_at = updated_at - INTERVAL '4' DAY "
                + "WHERE number = 1 AND app_id = (SELECT id FROM apps WHERE name = 'limited')"));
        assertEquals(List.of("limited/pr-1"), sweeper.sweep());
        JsonNode envs = read(t.pipeline.server.get("/api/v1/apps/limited/environments").body());
        assertFalse(envs.toString().contains("pr-1"), envs.toString());
        assertFalse(routed("limited-pr-1.localhost"));
    }

    @Test
    void closingAPullRequestWithoutPreviewRemovesNothing() {
        HttpResponse<String> closed = t.deliver("pull_request", pullRequest("acme/shop", "closed", 99, SHA), secret);
        assertEquals(202, closed.statusCode(), closed.body());
        assertEquals(0, read(closed.body()).get("removedPreviews").size());
    }
}
