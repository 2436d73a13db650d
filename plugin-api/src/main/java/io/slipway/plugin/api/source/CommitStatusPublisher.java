package io.slipway.plugin.api.source;

import io.slipway.plugin.api.SlipwayExtension;
import io.slipway.plugin.api.config.Config;
import java.util.Optional;

/**
 * Reports a deployment's state on the commit it deploys. Point id: {@code status}.
 *
 * <p>Failures are logged by the core and retried; they never fail a deployment.
 *
 * <pre>{@code
 * public void publish(CommitStatus status, Config config) {
 *     github.getRepository(status.repository()).createCommitStatus(status.commitId(), ...);
 * }
 * }</pre>
 */
public interface CommitStatusPublisher extends SlipwayExtension {

    /** @param config the app's source configuration (holds the token) */
    void publish(CommitStatus status, Config config);

    /**
     * Tells the pull/merge request about its preview (one comment, updated rather than repeated).
     * Does nothing unless a forge overrides it; failures are logged by the core, never shown to
     * the deployment.
     *
     * <pre>{@code
     * public void previewChanged(PreviewNotice notice, Config config) {
     *     upsertComment(notice.repository(), notice.pullRequest(), notice.message());
     * }
     * }</pre>
     *
     * @param config the app's source configuration (holds the token)
     */
    default void previewChanged(PreviewNotice notice, Config config) {
    }

    /**
     * Asks the forge where pull/merge request {@code number} of {@code repository} stands, so the
     * core can remove previews whose close event it missed (a webhook delivery lost while it was
     * down). Empty means "cannot tell" (the default, a forge that is down, a token without
     * access): the preview is kept. Called by the cluster's leader, about once per live preview
     * every few minutes; failures are logged by the core, never more.
     *
     * <pre>{@code
     * public Optional<PullRequestState> pullRequestState(String repository, int number, Config config) {
     *     JsonNode pr = api.get("/repos/" + repository + "/pulls/" + number);
     *     if (pr.path("merged").asBoolean()) {
     *         return Optional.of(PullRequestState.MERGED);
     *     }
     *     return Optional.of("open".equals(pr.path("state").asText()) ? PullRequestState.OPEN : PullRequestState.CLOSED);
     * }
     * }</pre>
     *
     * @param repository the repository as the pull request's webhook named it (clone URL or owner/name)
     * @param config the app's source configuration (holds the token)
     */
    default Optional<PullRequestState> pullRequestState(String repository, int number, Config config) {
        return Optional.empty();
    }
}
