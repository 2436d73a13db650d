package io.slipway.plugins.github;

import static io.slipway.plugins.github.GitHubDeliveries.CLONE_URL;
import static io.slipway.plugins.github.GitHubDeliveries.SECRET;
import static io.slipway.plugins.github.GitHubDeliveries.SHA;
import static io.slipway.plugins.github.GitHubDeliveries.bytes;
import static io.slipway.plugins.github.GitHubDeliveries.signed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.plugin.api.source.TriggerEvent;
import io.slipway.plugin.api.source.WebhookRejectedException;
import io.slipway.plugin.api.source.WebhookRequest;
import io.slipway.plugin.api.source.WebhookSecrets;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitHubWebhookReceiverTest {
    private static final String DELIVERY = "72d3162e-cc78-11e3-81ab-4c9367dc0958";
    private final GitHubWebhookReceiver receiver = new GitHubWebhookReceiver();
    private final List<String> askedFor = new ArrayList<>();
    /** The app that deploys acme/shop has its source URL as the clone URL. */
    private final WebhookSecrets secrets = repository -> {
        askedFor.add(repository);
        return repository.equals(CLONE_URL) ? List.of(SECRET) : List.of();
    };

    @Test
    void signedBranchPushBecomesPushEventWithChangedPaths() {
        var payload = GitHubDeliveries.push("refs/heads/main", List.of("api/New.java"), List.of("README.md"), List.of("old.txt"));
        List<TriggerEvent> events = receiver.receive(signed("push", DELIVERY, bytes(payload)), secrets);

        assertEquals(List.of(new TriggerEvent(TriggerEvent.Kind.PUSH, CLONE_URL, "refs/heads/main", SHA, Optional.empty(),
                DELIVERY, "octocat", List.of("README.md", "api/New.java", "old.txt"), false)), events);
    }

    @Test
    void tagPushBecomesTagEvent() {
        var payload = GitHubDeliveries.push("refs/tags/v1.2.0", List.of(), List.of(), List.of());
        TriggerEvent event = receiver.receive(signed("push", DELIVERY, bytes(payload)), secrets).get(0);

        assertEquals(TriggerEvent.Kind.TAG, event.kind());
        assertEquals("refs/tags/v1.2.0", event.ref());
        assertEquals(SHA, event.commitId());
    }

    @Test
    void deletedBranchGivesNoEvent() {
        var payload = GitHubDeliveries.push("refs/heads/gone", List.of(), List.of(), List.of())
                .put("deleted", true).put("after", "0000000000000000000000000000000000000000");
        assertEquals(List.of(), receiver.receive(signed("push", DELIVERY, bytes(payload)), secrets));
    }

    @Test
    void pullRequestActionsBecomeOpenedUpdatedAndClosedEvents() {
        assertEquals(TriggerEvent.Kind.PULL_REQUEST_OPENED, pr("opened", false).kind());
        assertEquals(TriggerEvent.Kind.PULL_REQUEST_OPENED, pr("reopened", false).kind());
        TriggerEvent updated = pr("synchronize", false);
        assertEquals(TriggerEvent.Kind.PULL_REQUEST_UPDATED, updated.kind());
        assertEquals(Optional.of(42), updated.pullRequest());
        assertEquals("refs/heads/feature/login", updated.ref());
        assertEquals(SHA, updated.commitId());

        TriggerEvent merged = pr("closed", true);
        assertEquals(TriggerEvent.Kind.PULL_REQUEST_CLOSED, merged.kind());
        assertTrue(merged.merged());
        assertEquals("", merged.commitId());
        assertFalse(pr("closed", false).merged());
    }

    @Test
    void otherPullRequestActionsGiveNoEvent() {
        var payload = GitHubDeliveries.pullRequest("labeled", 42, "feature/login", false);
        assertEquals(List.of(), receiver.receive(signed("pull_request", DELIVERY, bytes(payload)), secrets));
    }

    @Test
    void pingIsVerifiedAndGivesNoEvents() {
        assertEquals(List.of(), receiver.receive(signed("ping", DELIVERY, bytes(GitHubDeliveries.ping())), secrets));
        byte[] body = bytes(GitHubDeliveries.ping());
        assertEquals(401, assertThrows(WebhookRejectedException.class, () -> receiver.receive(
                GitHubDeliveries.request("ping", DELIVERY, body, WebhookSignature.sign("wrong", body)), secrets)).status());
    }

    @Test
    void unknownEventIsIgnored() {
        var payload = GitHubDeliveries.ping().put("action", "created");
        assertEquals(List.of(), receiver.receive(signed("issue_comment", DELIVERY, bytes(payload)), secrets));
    }

    @Test
    void rejectsBadSignatureWith401() {
        byte[] body = bytes(GitHubDeliveries.push("refs/heads/main", List.of(), List.of("a"), List.of()));
        String forged = WebhookSignature.sign("not the secret", body);
        var e = assertThrows(WebhookRejectedException.class,
                () -> receiver.receive(GitHubDeliveries.request("push", DELIVERY, body, forged), secrets));
        assertEquals(401, e.status());
    }

    @Test
    void rejectsSignatureOfAnotherBodyWith401() {
        byte[] body = bytes(GitHubDeliveries.push("refs/heads/main", List.of(), List.of("a"), List.of()));
        byte[] tampered = bytes(GitHubDeliveries.push("refs/heads/production", List.of(), List.of("a"), List.of()));
        var e = assertThrows(WebhookRejectedException.class, () -> receiver.receive(
                GitHubDeliveries.request("push", DELIVERY, tampered, WebhookSignature.sign(SECRET, body)), secrets));
        assertEquals(401, e.status());
    }

    @Test
    void rejectsMissingSignatureWith401() {
        byte[] body = bytes(GitHubDeliveries.push("refs/heads/main", List.of(), List.of("a"), List.of()));
        var e = assertThrows(WebhookRejectedException.class,
                () -> receiver.receive(GitHubDeliveries.request("push", DELIVERY, body, null), secrets));
        assertEquals(401, e.status());
    }

    @Test
    void rejectsMalformedJsonWithValidSignatureWith400() {
        byte[] body = "{\"ref\": \"refs/heads/main\", ".getBytes(StandardCharsets.UTF_8);
        var e = assertThrows(WebhookRejectedException.class, () -> receiver.receive(signed("push", DELIVERY, body), secrets));
        assertEquals(400, e.status());
        byte[] array = "[1,2]".getBytes(StandardCharsets.UTF_8);
        assertEquals(400, assertThrows(WebhookRejectedException.class,
                () -> receiver.receive(signed("push", DELIVERY, array), secrets)).status());
    }

    @Test
    void rejectsRequestWithoutEventHeaderWith400() {
        WebhookRequest request = new WebhookRequest("", java.util.Map.of("X-Hub-Signature-256", List.of("sha256=00")),
                bytes(GitHubDeliveries.ping()));
        assertEquals(400, assertThrows(WebhookRejectedException.class, () -> receiver.receive(request, secrets)).status());
    }

    @Test
    void repositoryNoAppDeploysGivesNoEventsWithoutTrustingTheSignature() {
        var payload = GitHubDeliveries.push("refs/heads/main", List.of(), List.of("a"), List.of());
        payload.set("repository", GitHubDeliveries.repository().put("clone_url", "https://github.com/other/repo.git")
                .put("html_url", "https://github.com/other/repo").put("full_name", "other/repo"));
        assertEquals(List.of(), receiver.receive(signed("push", DELIVERY, bytes(payload)), secrets));
        assertTrue(askedFor.containsAll(List.of("https://github.com/other/repo.git", "https://github.com/other/repo", "other/repo")));
    }

    @Test
    void branchNameWithShellAndPathCharactersIsCarriedAsDataOnly(@TempDir Path dir) {
        String branch = "refs/heads/x$(touch " + dir.resolve("pwned") + ");`id`|../../etc/passwd";
        var payload = GitHubDeliveries.push(branch, List.of(), List.of("../../etc/passwd"), List.of());
        TriggerEvent event = receiver.receive(signed("push", DELIVERY, bytes(payload)), secrets).get(0);

        assertEquals(branch, event.ref());
        assertEquals(List.of("../../etc/passwd"), event.changedPaths());
        assertFalse(Files.exists(dir.resolve("pwned")));
    }

    @Test
    void readsDeliveryIdAndEventNameFromHeadersOnly() {
        WebhookRequest request = signed("push", DELIVERY, "not even json".getBytes(StandardCharsets.UTF_8));
        assertEquals(Optional.of(DELIVERY), receiver.deliveryId(request));
        assertEquals("push", receiver.eventName(request));
        assertEquals(Optional.empty(), receiver.deliveryId(new WebhookRequest("", java.util.Map.of(), new byte[0])));
    }

    private TriggerEvent pr(String action, boolean merged) {
        var payload = GitHubDeliveries.pullRequest(action, 42, "feature/login", merged);
        List<TriggerEvent> events = receiver.receive(signed("pull_request", DELIVERY, bytes(payload)), secrets);
        assertEquals(1, events.size());
        return events.get(0);
    }
}
