package io.slipway.plugin.api.source;

import java.util.Objects;

/**
 * A deployment's state as reported on a commit.
 *
 * <pre>{@code
 * new CommitStatus("acme/shop", sha, CommitStatus.State.PENDING, "Queued", deploymentUrl, "slipway/production", "production");
 * }</pre>
 *
 * @param repository the repository (clone URL or owner/name)
 * @param commitId the commit being deployed
 * @param state what to report
 * @param description one short sentence
 * @param targetUrl the deployment's page in Slipway
 * @param context the status' name on the commit ({@code slipway/production})
 * @param environment the environment deployed to
 */
public record CommitStatus(String repository, String commitId, State state, String description,
                           String targetUrl, String context, String environment) {

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
    }
}
