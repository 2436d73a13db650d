package io.slipway.plugins.gitlab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.plugin.api.config.Config;
import io.slipway.plugin.api.source.CommitStatus;
import io.slipway.plugin.api.source.PreviewNotice;
import io.slipway.plugin.api.source.PullRequestState;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GitLabStatusPublisherTest {
    private static final String SHA = GitLabDeliveries.SHA;
    private static final String PAGE = "http://slipway.example.org/deployments/17";
    private FakeGitLab gitlab;
    private final GitLabStatusPublisher publisher = new GitLabStatusPublisher();
    private Config config;

    @BeforeEach
    void start() {
        gitlab = new FakeGitLab();
        // A self-hosted instance whose API answers on another host than the clone URL's.
        config = new Config(Map.of("url", "https://gitlab.example.org/acme/shop.git", "baseUrl", gitlab.baseUrl(),
                "token", "glpat-project-token"));
    }

    @AfterEach
    void stop() {
        gitlab.close();
    }

    @Test
    void postsCommitStatusWithProjectAccessToken() {
        publisher.publish(status(CommitStatus.State.SUCCESS), config);

        var calls = gitlab.calls("POST", FakeGitLab.PROJECT + "/statuses/" + SHA);
        assertEquals(1, calls.size());
        var fields = calls.get(0).fields();
        assertEquals("success", fields.get("state"));
        assertEquals("slipway/production", fields.get("name"));
        assertEquals(PAGE, fields.get("target_url"));
        assertEquals("ACTIVE", fields.get("description"));
        assertEquals("glpat-project-token", calls.get(0).privateToken());
    }

    @Test
    void mapsStatesToGitLabs() {
        publisher.publish(status(CommitStatus.State.PENDING), config);
        publisher.publish(status(CommitStatus.State.FAILURE), config);
        publisher.publish(status(CommitStatus.State.ERROR), config);

        var states = gitlab.calls("POST", FakeGitLab.PROJECT + "/statuses/").stream().map(c -> c.fields().get("state")).toList();
        assertEquals(java.util.List.of("running", "failed", "canceled"), states);
    }

    @Test
    void repeatedStateGitLabRefusesIsNotAFailure() {
        gitlab.refuseSameState = true;
        publisher.publish(status(CommitStatus.State.PENDING), config);
        assertEquals(1, gitlab.calls("POST", FakeGitLab.PROJECT + "/statuses/").size());
    }

    @Test
    void previewNoteIsCreatedOnceThenUpdated() {
        publisher.previewChanged(new PreviewNotice("https://gitlab.example.org/acme/shop.git", 7, PreviewNotice.State.LIVE,
                Optional.of("http://web-pr-7.example.org"), SHA, "Preview of acme/shop!7 is live."), config);
        publisher.previewChanged(new PreviewNotice("https://gitlab.example.org/acme/shop.git", 7, PreviewNotice.State.REMOVED,
                Optional.empty(), SHA, "Preview of acme/shop!7 was removed."), config);

        var created = gitlab.calls("POST", FakeGitLab.PROJECT + "/merge_requests/7/notes");
        assertEquals(1, created.size());
        assertTrue(created.get(0).fields().get("body").contains("http://web-pr-7.example.org"));
        var updated = gitlab.calls("PUT", FakeGitLab.PROJECT + "/merge_requests/7/notes/");
        assertEquals(1, updated.size());
        String body = updated.get(0).fields().get("body");
        assertTrue(body.contains("was removed") && body.contains(GitLabStatusPublisher.PREVIEW_MARKER), body);
    }

    private static CommitStatus status(CommitStatus.State state) {
        return new CommitStatus("https://gitlab.example.org/acme/shop.git", SHA, state,
                state == CommitStatus.State.SUCCESS ? "ACTIVE" : state.name(), PAGE, "slipway/production", "production");
    }

    @Test
    void asksWhetherAMergeRequestIsStillOpenWithTheToken() {
        gitlab.mergeRequests.put(7, "opened");
        gitlab.mergeRequests.put(8, "closed");
        gitlab.mergeRequests.put(9, "merged");
        gitlab.mergeRequests.put(10, "locked");

        assertEquals(Optional.of(PullRequestState.OPEN), publisher.pullRequestState("acme/shop", 7, config));
        assertEquals(Optional.of(PullRequestState.CLOSED), publisher.pullRequestState("acme/shop", 8, config));
        assertEquals(Optional.of(PullRequestState.MERGED), publisher.pullRequestState("acme/shop", 9, config));
        assertEquals(Optional.of(PullRequestState.OPEN), publisher.pullRequestState("acme/shop", 10, config));

        var calls = gitlab.calls("GET", FakeGitLab.PROJECT + "/merge_requests/");
        assertEquals(java.util.List.of(FakeGitLab.PROJECT + "/merge_requests/7", FakeGitLab.PROJECT + "/merge_requests/8",
                FakeGitLab.PROJECT + "/merge_requests/9", FakeGitLab.PROJECT + "/merge_requests/10"),
                calls.stream().map(FakeGitLab.Call::rawPath).toList());
        assertTrue(calls.stream().allMatch(c -> "glpat-project-token".equals(c.privateToken())), calls.toString());
    }

    @Test
    void aMergeRequestGitLabDoesNotKnowIsAFailureNotAnAnswer() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> publisher.pullRequestState("acme/shop", 404, config));
    }
}
