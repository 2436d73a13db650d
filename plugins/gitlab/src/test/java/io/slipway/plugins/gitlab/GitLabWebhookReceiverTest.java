package io.slipway.plugins.gitlab;

import static io.slipway.plugins.gitlab.GitLabDeliveries.HTTP_URL;
import static io.slipway.plugins.gitlab.GitLabDeliveries.SECRET;
import static io.slipway.plugins.gitlab.GitLabDeliveries.SHA;
import static io.slipway.plugins.gitlab.GitLabDeliveries.bytes;
import static io.slipway.plugins.gitlab.GitLabDeliveries.signed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.plugin.api.source.TriggerEvent;
import io.slipway.plugin.api.source.WebhookRejectedException;
import io.slipway.plugin.api.source.WebhookSecrets;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitLabWebhookReceiverTest {
    private final GitLabWebhookReceiver receiver = new GitLabWebhookReceiver();
    private final WebhookSecrets secrets = repository -> repository.equals(HTTP_URL) ? List.of(SECRET) : List.of();

    @Test
    void pushHookBecomesPushEventWithChangedPaths() {
        var payload = GitLabDeliveries.push("push", "refs/heads/main", List.of("CHANGELOG"), List.of("app/controllers/application_controller.rb"), List.of());
        List<TriggerEvent> events = receiver.receive(signed("Push Hook", payload), secrets);

        assertEquals(List.of(new TriggerEvent(TriggerEvent.Kind.PUSH, HTTP_URL, "refs/heads/main", SHA, Optional.empty(),
                GitLabDeliveries.EVENT_UUID, "jsmith", List.of("CHANGELOG", "app/controllers/application_controller.rb"), false)), events);
    }

    @Test
    void pushOfMoreCommitsThanListedHasUnknownPaths() {
        var payload = GitLabDeliveries.push("push", "refs/heads/main", List.of("a"), List.of(), List.of()).put("total_commits_count", 40);
        assertEquals(List.of(), receiver.receive(signed("Push Hook", payload), secrets).get(0).changedPaths());
    }

    @Test
    void tagPushHookBecomesTagEvent() {
        var payload = GitLabDeliveries.push("tag_push", "refs/tags/v1.0.0", List.of(), List.of(), List.of());
        TriggerEvent event = receiver.receive(signed("Tag Push Hook", payload), secrets).get(0);
        assertEquals(TriggerEvent.Kind.TAG, event.kind());
        assertEquals("refs/tags/v1.0.0", event.ref());
    }

    @Test
    void deletedBranchGivesNoEvent() {
        var payload = GitLabDeliveries.push("push", "refs/heads/gone", List.of(), List.of(), List.of())
                .put("after", "0000000000000000000000000000000000000000");
        payload.putNull("checkout_sha");
        assertEquals(List.of(), receiver.receive(signed("Push Hook", payload), secrets));
    }

    @Test
    void mergeRequestActionsBecomePullRequestEvents() {
        assertEquals(TriggerEvent.Kind.PULL_REQUEST_OPENED, mr("open", false).get(0).kind());
        assertEquals(TriggerEvent.Kind.PULL_REQUEST_OPENED, mr("reopen", false).get(0).kind());
        TriggerEvent updated = mr("update", true).get(0);
        assertEquals(TriggerEvent.Kind.PULL_REQUEST_UPDATED, updated.kind());
        assertEquals(Optional.of(7), updated.pullRequest());
        assertEquals("refs/heads/ms-viewport", updated.ref());
        assertEquals(SHA, updated.commitId());
        TriggerEvent merged = mr("merge", false).get(0);
        assertEquals(TriggerEvent.Kind.PULL_REQUEST_CLOSED, merged.kind());
        assertTrue(merged.merged());
        TriggerEvent closed = mr("close", false).get(0);
        assertFalse(closed.merged());
        assertEquals("", closed.commitId());
    }

    @Test
    void mergeRequestUpdateWithoutNewCommitsGivesNoEvent() {
        assertEquals(List.of(), mr("update", false));
        assertEquals(List.of(), mr("approved", false));
    }

    @Test
    void unknownEventIsIgnored() {
        var payload = GitLabDeliveries.push("push", "refs/heads/main", List.of(), List.of(), List.of()).put("object_kind", "note");
        assertEquals(List.of(), receiver.receive(signed("Note Hook", payload), secrets));
    }

    @Test
    void rejectsWrongTokenWith401() {
        byte[] body = bytes(GitLabDeliveries.push("push", "refs/heads/main", List.of(), List.of(), List.of()));
        var e = assertThrows(WebhookRejectedException.class,
                () -> receiver.receive(GitLabDeliveries.request("Push Hook", body, "s3cr3t-tokeN", Map.of()), secrets));
        assertEquals(401, e.status());
        assertEquals(401, assertThrows(WebhookRejectedException.class,
                () -> receiver.receive(GitLabDeliveries.request("Push Hook", body, "", Map.of()), secrets)).status());
    }

    @Test
    void rejectsMissingTokenWith401() {
        byte[] body = bytes(GitLabDeliveries.push("push", "refs/heads/main", List.of(), List.of(), List.of()));
        var e = assertThrows(WebhookRejectedException.class,
                () -> receiver.receive(GitLabDeliveries.request("Push Hook", body, null, Map.of()), secrets));
        assertEquals(401, e.status());
    }

    @Test
    void rejectsMalformedJsonWith400() {
        byte[] body = "{\"object_kind\": \"push\",".getBytes(StandardCharsets.UTF_8);
        var e = assertThrows(WebhookRejectedException.class,
                () -> receiver.receive(GitLabDeliveries.request("Push Hook", body, SECRET, Map.of()), secrets));
        assertEquals(400, e.status());
    }

    @Test
    void projectNoAppDeploysGivesNoEvents() {
        var payload = GitLabDeliveries.push("push", "refs/heads/main", List.of(), List.of(), List.of());
        payload.set("project", GitLabDeliveries.project().put("git_http_url", "https://gitlab.example.org/other/x.git")
                .put("web_url", "https://gitlab.example.org/other/x").put("path_with_namespace", "other/x"));
        assertEquals(List.of(), receiver.receive(signed("Push Hook", payload), secrets));
    }

    @Test
    void branchNameWithShellAndPathCharactersIsCarriedAsDataOnly(@TempDir Path dir) {
        String ref = "refs/heads/x$(touch " + dir.resolve("pwned") + ");`id`|../../etc/passwd";
        var payload = GitLabDeliveries.push("push", ref, List.of(), List.of("../../etc/passwd"), List.of());
        TriggerEvent event = receiver.receive(signed("Push Hook", payload), secrets).get(0);
        assertEquals(ref, event.ref());
        assertFalse(Files.exists(dir.resolve("pwned")));
    }

    @Test
    void deliveryIdIsIdempotencyKeyElseEventUuid() {
        byte[] body = new byte[0];
        assertEquals(Optional.of(GitLabDeliveries.EVENT_UUID),
                receiver.deliveryId(GitLabDeliveries.request("Push Hook", body, SECRET, Map.of())));
        assertEquals(Optional.of("f1b3c5d7-retry-key"), receiver.deliveryId(
                GitLabDeliveries.request("Push Hook", body, SECRET, Map.of("Idempotency-Key", "f1b3c5d7-retry-key"))));
        assertEquals("Push Hook", receiver.eventName(GitLabDeliveries.request("Push Hook", body, SECRET, Map.of())));
    }

    private List<TriggerEvent> mr(String action, boolean newCommits) {
        return receiver.receive(signed("Merge Request Hook", GitLabDeliveries.mergeRequest(action, 7, "ms-viewport", newCommits)), secrets);
    }
}
