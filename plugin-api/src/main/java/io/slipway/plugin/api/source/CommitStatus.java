package io.slipway.plugin.api.source;

import java.util.Objects;
import java.util.Optional;

/**
 * A deployment's state as reported on a commit.
 *
 * <pre>{@code
 * new CommitStatus("acme/shop", sha, CommitStatus.State.PENDING, "Queued", deploymentUrl, "slipway/production", "production");
 * // with the app's URL (GitHub shows it on the deployment) and, for a preview, its pull request:
 * new CommitStatus("acme/shop", sha, CommitStatus.State.SUCCESS, "Live", deploymentUrl, "slipway/pr-42", "pr-42",
 *     Optional.of("http://web-pr-42.example.org"), Optional.of(42));
 * }</pre>
 *
 * @param repository the repository (clone URL or owner/name)
 * @param commitId the commit being deployed
 * @param state what to report
 * @param description one short sentence
 * @param targetUrl the deployment's page in Slipway
 * @param context the status' name on the commit ({@code slipway/production})
 * @param environment the environment deployed to
 * @param environmentUrl where the environment's app answers, when known
 * @param pullRequest the pull/merge request, when the environment is its preview
 */
public record CommitStatus(String repository, String commitId, State state, String description,
                           String targetUrl, String context, String environment,
                           Optional<String> environmentUrl, Optional<Integer> pullRequest) {

    /** The states every forge understands. */
    public enum State { PENDING, SUCCESS, FAILURE, ERROR }

    public CommitStatus {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(commitId, "commitId");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(targetUrl, "targetUrl");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(environmentUrl, "environmentUrl");
        Objects.requireNonNull(pullRequest, "pullRequest");
    }

    /** A status without the environment's URL, not for a preview. */
    public CommitStatus(String repository, String commitId, State state, String description,
                        String targetUrl, String context, String environment) {
        this(repository, commitId, state, description, targetUrl, context, environment, Optional.empty(), Optional.empty());
    }
}
