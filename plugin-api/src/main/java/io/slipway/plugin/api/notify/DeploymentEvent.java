package io.slipway.plugin.api.notify;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A deployment changed phase.
 *
 * <pre>{@code
 * String text = event.app() + " " + event.environment() + ": " + event.phase()
 *     + event.error().map(e -> " (" + e + ")").orElse("");
 * }</pre>
 *
 * @param deploymentId the deployment
 * @param app the app's name
 * @param environment the environment's name
 * @param phase the phase it entered
 * @param revision the commit id or content hash, once known
 * @param trigger what started it ("push by octocat", "manual by ada", "rollback of 41")
 * @param deploymentUrl its page in Slipway
 * @param at when it entered the phase
 * @param error why it failed, for {@link DeploymentPhase#FAILED}
 * @param details the event's name, author, duration, failing phase, last log lines and links
 *     (added in 0.1: every part may be empty)
 */
public record DeploymentEvent(String deploymentId, String app, String environment, DeploymentPhase phase,
                              Optional<String> revision, String trigger, String deploymentUrl, Instant at,
                              Optional<String> error, DeploymentDetails details) {
    public DeploymentEvent {
        Objects.requireNonNull(deploymentId, "deploymentId");
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(revision, "revision");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(deploymentUrl, "deploymentUrl");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(details, "details");
    }

    /** An event without details (the event name follows from the phase). */
    public DeploymentEvent(String deploymentId, String app, String environment, DeploymentPhase phase,
                           Optional<String> revision, String trigger, String deploymentUrl, Instant at,
                           Optional<String> error) {
        this(deploymentId, app, environment, phase, revision, trigger, deploymentUrl, at, error,
                DeploymentDetails.only(DeploymentDetails.eventOf(Objects.requireNonNull(phase, "phase"))));
    }

    /** Whether a user asked for this event from a target's "send test notification" button. */
    public boolean isTest() {
        return details.event().equals("test");
    }
}
