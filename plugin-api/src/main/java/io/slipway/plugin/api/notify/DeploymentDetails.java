package io.slipway.plugin.api.notify;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link DeploymentEvent} tells beyond its phase, for notifiers that show more (Slack,
 * outgoing webhooks). Every part is optional: older cores and test events leave them empty.
 *
 * <pre>{@code
 * String duration = event.details().startedAt()
 *     .map(s -> Duration.between(s, event.at()).toSeconds() + " s").orElse("");
 * event.details().links().getOrDefault(DeploymentDetails.COMMIT_LINK, event.deploymentUrl());
 * }</pre>
 *
 * @param event the subscription event this is ({@code queued}, {@code started}, {@code progress},
 *     {@code succeeded}, {@code failed}, {@code cancelled}, {@code rolled_back},
 *     {@code health_degraded}, {@code preview_created}, {@code preview_removed}, {@code test})
 * @param author who made the commit, once known
 * @param commitMessage the commit's message, once known
 * @param startedAt when the deployment left the queue
 * @param failedPhase the phase that failed, for a failed deployment
 * @param logTail the last lines of the deployment's log on failure, secrets already masked
 * @param links related pages by name: {@link #COMMIT_LINK}, {@link #SOURCE_LINK}
 */
public record DeploymentDetails(String event, Optional<String> author, Optional<String> commitMessage,
                                Optional<Instant> startedAt, Optional<DeploymentPhase> failedPhase,
                                List<String> logTail, Map<String, String> links) {
    /** The revision's page on GitHub, GitLab or another host, when the source URL is known. */
    public static final String COMMIT_LINK = "commit";
    /** The repository's page. */
    public static final String SOURCE_LINK = "source";

    public DeploymentDetails {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(commitMessage, "commitMessage");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(failedPhase, "failedPhase");
        logTail = List.copyOf(logTail);
        links = Map.copyOf(links);
    }

    /** Nothing beyond the event's name. */
    public static DeploymentDetails only(String event) {
        return new DeploymentDetails(event, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                List.of(), Map.of());
    }

    /** The event name a phase change announces: {@code queued}, {@code started}, ... */
    public static String eventOf(DeploymentPhase phase) {
        return switch (phase) {
            case QUEUED -> "queued";
            case FETCHING_SOURCE -> "started";
            case BUILDING, DEPLOYING, HEALTH_CHECKING, SWITCHING_TRAFFIC -> "progress";
            case ACTIVE -> "succeeded";
            case FAILED -> "failed";
            case CANCELLED, SUPERSEDED -> "cancelled";
            case ROLLED_BACK -> "rolled_back";
        };
    }
}
