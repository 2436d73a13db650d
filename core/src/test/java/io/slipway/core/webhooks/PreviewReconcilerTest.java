package io.slipway.core.webhooks;

import static io.slipway.core.pipeline.PipelineTestSupport.read;
import static io.slipway.core.webhooks.WebhookTestSupport.SHA;
import static io.slipway.core.webhooks.WebhookTestSupport.pullRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.core.pipeline.PipelineTestSupport;
import io.slipway.core.previews.PreviewReconciler;
import io.slipway.core.previews.PreviewService;
import io.slipway.core.rules.SourceApps;
import io.slipway.plugin.api.source.PreviewNotice;
import io.slipway.plugin.api.source.PullRequestState;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Previews whose pull request closed while its close event never arrived are removed by the
 * reconciler, as the event would have; open ones, and ones the forge cannot tell about, stay.
 */
class PreviewReconcilerTest {
    private static WebhookTestSupport t;
    private static String secret;

    @BeforeAll
    static void start() {
        t = WebhookTestSupport.start();
        secret = t.app("recon", "acme/recon", "main");
        t.rules("recon", "{\"rules\": [], \"previews\": true}");
        t.recordNotifications("recon", "preview_removed");
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    @Test
    void aPreviewWhoseCloseEventNeverArrivedIsRemovedAndOpenOnesStay() {
        open(21);
        open(22);
        open(23);
        t.publisher.pullRequest(21, PullRequestState.MERGED);
        t.publisher.pullRequest(22, PullRequestState.OPEN); // 23: the forge cannot tell

        PreviewReconciler reconciler = t.pipeline.server.core().service(PreviewReconciler.class);
        assertEquals(List.of("recon/pr-21"), reconciler.reconcile());
        assertEquals(List.of(22, 23), previews());
        assertTrue(t.pipeline.releases().stream().noneMatch(r -> r.contains("recon~pr-21~")), t.pipeline.releases().toString());
        await(() -> t.notifier.received().contains("preview_removed recon pr-21"), "preview removed: " + t.notifier.received());
        await(() -> t.publisher.notices().stream().anyMatch(n -> n.pullRequest() == 21
                && n.state() == PreviewNotice.State.REMOVED && n.message().contains("merged")),
                "the pull request told why: " + t.publisher.notices());

        t.publisher.pullRequest(22, PullRequestState.CLOSED);
        assertEquals(List.of("recon/pr-22"), reconciler.reconcile());
        assertEquals(List.of(), reconciler.reconcile(), "nothing more to remove");
        assertEquals(List.of(23), previews());
    }

    @Test
    void onlyTheLeaderReconcilesOnItsSchedule() {
        open(31);
        t.publisher.pullRequest(31, PullRequestState.CLOSED);
        PreviewService previews = t.pipeline.server.core().service(PreviewService.class);
        SourceApps apps = new SourceApps(t.pipeline.server.core().service(Jdbi.class));
        try (PreviewReconciler follower = new PreviewReconciler(apps, previews, () -> false).start(Duration.ofMillis(20))) {
            PipelineTestSupport.sleep(300);
            assertTrue(previews().contains(31), "a follower leaves it");
        }
        try (PreviewReconciler leader = new PreviewReconciler(apps, previews, () -> true).start(Duration.ofMillis(20))) {
            await(() -> !previews().contains(31), "the leader removes it");
        }
    }

    private static void open(int number) {
        HttpResponse<String> r = t.deliver("pull_request", pullRequest("acme/recon", "opened", number, SHA), secret);
        assertEquals(202, r.statusCode(), r.body());
        long id = read(r.body()).get("deployments").get(0).asLong();
        assertEquals("ACTIVE", t.pipeline.awaitFinal(id).get("phase").asText(), t.pipeline.log(id));
    }

    private static List<Integer> previews() {
        return t.pipeline.server.core().service(PreviewService.class)
                .previews(new SourceApps(t.pipeline.server.core().service(Jdbi.class)).require("recon"));
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
}
