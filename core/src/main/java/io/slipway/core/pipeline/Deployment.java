package io.slipway.core.pipeline;

import io.slipway.plugin.api.build.Artifact;
import io.slipway.plugin.api.deploy.Release;
import io.slipway.plugin.api.notify.DeploymentPhase;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One attempt to put one revision of one app into one environment, as stored.
 *
 * @param trigger what started it ({@code manual}, {@code redeploy}, {@code rollback}, {@code push})
 * @param triggeredBy who or what ({@code api}, {@code ui}, a user name)
 * @param sourceDeploymentId the deployment a redeploy or rollback re-uses
 * @param artifact what BUILDING produced (or what a rollback re-uses)
 * @param release what DEPLOYING started
 * @param claimedBy the server instance running it
 * @param phaseStartedAt when the current phase began (the stuck detector's clock)
 */
public record Deployment(long id, long appId, String app, String environment, DeploymentPhase phase, int progress,
                         String trigger, String triggeredBy, Optional<String> ref, Optional<String> revision,
                         Optional<String> commitMessage, Instant createdAt, Optional<Instant> startedAt,
                         Optional<Instant> finishedAt, Optional<String> error, Optional<Long> sourceDeploymentId,
                         Optional<Artifact> artifact, Optional<Release> release, boolean cancelRequested,
                         int resumeCount, Optional<String> claimedBy, Optional<Instant> heartbeatAt,
                         Optional<Instant> phaseStartedAt) {
    public Deployment {
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    public boolean isFinal() {
        return phase.isFinal();
    }

    /** "manual by api", "rollback of 41 by api": for events and the history table. */
    public String describeTrigger() {
        String of = sourceDeploymentId.map(s -> " of " + s).orElse("");
        return trigger + of + " by " + triggeredBy;
    }
}
