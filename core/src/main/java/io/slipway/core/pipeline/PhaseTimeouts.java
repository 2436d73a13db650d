package io.slipway.core.pipeline;

import io.slipway.plugin.api.notify.DeploymentPhase;
import java.time.Duration;
import java.util.Objects;

/** How long each phase of an app's deployments may take before it fails, naming the phase. */
public record PhaseTimeouts(Duration fetch, Duration build, Duration deploy, Duration health) {
    /** Switching traffic is the core's own quick work; not configurable. */
    public static final Duration SWITCH = Duration.ofMinutes(1);

    public PhaseTimeouts {
        Objects.requireNonNull(fetch, "fetch");
        Objects.requireNonNull(build, "build");
        Objects.requireNonNull(deploy, "deploy");
        Objects.requireNonNull(health, "health");
    }

    public static PhaseTimeouts defaults() {
        return new PhaseTimeouts(Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ofMinutes(5),
                Duration.ofMinutes(5));
    }

    public Duration of(DeploymentPhase phase) {
        return switch (phase) {
            case FETCHING_SOURCE -> fetch;
            case BUILDING -> build;
            case DEPLOYING -> deploy;
            case HEALTH_CHECKING -> health;
            default -> SWITCH;
        };
    }
}
