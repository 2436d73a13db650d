package io.slipway.core.pipeline;

import io.slipway.plugin.api.notify.DeploymentPhase;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** When a deployment entered a phase and when it left it (empty while it is in it). */
public record PhaseTiming(DeploymentPhase phase, Instant startedAt, Optional<Instant> finishedAt) {
    public PhaseTiming {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
    }
}
