package io.slipway.plugins.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.plugin.api.config.Config;
import io.slipway.plugin.api.source.CommitStatus;
import io.slipway.plugin.api.source.PreviewNotice;
import io.slipway.plugin.api.source.PullRequestState;
import io.slipway.plugin.testkit.TestPluginContext;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitHubStatusPublisherTest {
    private static final String SHA = GitHubDeliveries.SHA;
    private static final String PAGE = "http://slipway.example.org/deployments/17";
    private FakeGitHub github;
    private GitHubStatusPublisher publisher;
    private Config config;

    @BeforeEach
    void start(@TempDir Path dir) {
        github = new FakeGitHub();
        publisher = new GitHubStatusPublisher(new TestPluginContext("github", dir).startingAt(Instant.parse("2030-01-01T00:00:00Z")));
        config = new Config(Map.of("url", "https://github.com/acme/shop.git", "apiUrl", github.apiUrl(),
                "token", "ghp_personal"));
    }

    @AfterEach
    void stop() {
        github.close();
    }

    @Test
    void publishesCommitStatusWithTokenAndTargetUrl() {
        publisher.publish(status(CommitStatus.State.PENDING, "production", Optional.empty(), Optional.empty()), config);

        var calls = github.calls("POST", "/repos/acme/shop/statuses/" + SHA);
        assertEquals(1, calls.size());
        var body = calls.get(0).body();
        assertEquals("pending", body.path("state").asText());
        assertEquals(PAGE, body.path("target_url").asText());
        assertEquals("slipway/production", body.path("context").asText());
        assertEquals("QUEUED", body.path("description").asText());
        assertEquals("token ghp_personal", calls.get(0).authorization());
    }

    @Test
    void createsOneDeploymentPerCommitAndEnvironmentAndPostsItsStatuses() {
        publisher.publish(status(CommitStatus.State.PENDING, "production", Optional.empty(), Optional.empty()), config);
        publisher.publish(status(CommitStatus.State.SUCCESS, "production", Optional.of("http://web.example.org"), Optional.empty()), config);

        var created = github.calls("POST", "/repos/acme/shop/deployments");
        var deployments = created.stream().filter(c -> c.path().equals("/repos/acme/shop/deployments")).toList();
        assertEquals(1, deployments.size());
        var deployment = deployments.get(0).body();
        assertEquals(SHA, deployment.path("ref").asText());
        assertEquals("production", deployment.path("environment").asText());
        assertFalse(deployment.path("auto_merge").asBoolean(true));
        assertTrue(deployment.path("required_contexts").isArray() && deployment.path("required_contexts").isEmpty());
        assertTrue(deployment.path("production_environment").asBoolean());

        var statuses = created.stream().filter(c -> c.path().matches("/repos/acme/shop/deployments/\\d+/statuses")).toList();
        assertEquals(2, statuses.size());
        assertEquals("pending", statuses.get(0).body().path("state").asText());
        assertEquals("success", statuses.get(1).body().path("state").asText());
        assertEquals("http://web.example.org", statuses.get(1).body().path("environment_url").asText());
        assertEquals(PAGE, statuses.get(1).body().path("log_url").asText());
        assertTrue(statuses.get(0).body().path("environment_url").isMissingNode());
    }

    @Test
    void previewDeploymentIsTransient() {
        publisher.publish(status(CommitStatus.State.PENDING, "pr-42", Optional.empty(), Optional.of(42)), config);

        var deployment = github.calls("POST", "/repos/acme/shop/deployments").get(0).body();
        assertTrue(deployment.path("transient_environment").asBoolean());
        assertFalse(deployment.path("production_environment").asBoolean(true));
    }

    @Test
    void previewCommentIsCreatedOnceThenUpdated() {
        publisher.previewChanged(new PreviewNotice("https://github.com/acme/shop.git", 42, PreviewNotice.State.LIVE,
                Optional.of("http://web-pr-42.example.org"), SHA, "Preview of acme/shop#42 is live."), config);
        publisher.previewChanged(new PreviewNotice("https://github.com/acme/shop.git", 42, PreviewNotice.State.REMOVED,
                Optional.empty(), SHA, "Preview of acme/shop#42 was removed."), config);

        var created = github.calls("POST", "/repos/acme/shop/issues/42/comments");
        assertEquals(1, created.size());
        assertTrue(created.get(0).body().path("body").asText().contains("http://web-pr-42.example.org"));
        var updated = github.calls("PATCH", "/repos/acme/shop/issues/comments/");
        assertEquals(1, updated.size());
        String body = updated.get(0).body().path("body").asText();
        assertTrue(body.contains("was removed") && body.contains(GitHubStatusPublisher.PREVIEW_MARKER), body);
    }

    @Test
    void truncatesLongDescriptionsToGitHubsLimit() {
        publisher.publish(new CommitStatus("acme/shop", SHA, CommitStatus.State.FAILURE, "x".repeat(500), PAGE,
                "slipway/production", "production"), config);

        String description = github.calls("POST", "/repos/acme/shop/statuses/").get(0).body().path("description").asText();
        assertEquals(140, description.length());
    }

    @Test
    void asksWhetherAPullRequestIsStillOpenWithTheToken() {
        github.pullRequests.put(7, "open");
        github.pullRequests.put(8, "closed");
        github.pullRequests.put(9, "merged");

        assertEquals(Optional.of(PullRequestState.OPEN), publisher.pullRequestState("acme/shop", 7, config));
        assertEquals(Optional.of(PullRequestState.CLOSED), publisher.pullRequestState("https://github.com/acme/shop.git", 8, config));
        assertEquals(Optional.of(PullRequestState.MERGED), publisher.pullRequestState("acme/shop", 9, config));

        var calls = github.calls("GET", "/repos/acme/shop/pulls/");
        assertEquals(List.of("/repos/acme/shop/pulls/7", "/repos/acme/shop/pulls/8", "/repos/acme/shop/pulls/9"),
                calls.stream().map(FakeGitHub.Call::path).toList());
        assertTrue(calls.stream().allMatch(c -> "token ghp_personal".equals(c.authorization())), calls.toString());
    }

    @Test
    void aPullRequestGitHubDoesNotKnowIsAFailureNotAnAnswer() {
        assertThrows(java.io.UncheckedIOException.class, () -> publisher.pullRequestState("acme/shop", 404, config));
    }

    private static CommitStatus status(CommitStatus.State state, String environment, Optional<String> url, Optional<Integer> pr) {
        return new CommitStatus("https://github.com/acme/shop.git", SHA, state, state == CommitStatus.State.PENDING ? "QUEUED" : "ACTIVE",
                PAGE, "slipway/" + environment, environment, url, pr);
    }
}
