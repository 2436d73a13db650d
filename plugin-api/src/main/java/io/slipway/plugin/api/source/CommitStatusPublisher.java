package io.slipway.plugin.api.source;

import io.slipway.plugin.api.SlipwayExtension;
import io.slipway.plugin.api.config.Config;

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
}
