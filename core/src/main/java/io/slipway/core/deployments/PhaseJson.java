package io.slipway.core.deployments;

import io.slipway.core.pipeline.PhaseTiming;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One phase a deployment entered, as the REST API shows it.
 *
 * @param finishedAt empty while the deployment is in this phase
 * @param durationMs from start to finish; empty while it runs
 */
public record PhaseJson(String phase, Instant startedAt, Optional<Instant> finishedAt,
                        Optional<Long> durationMs) {

    static PhaseJson of(PhaseTiming t) {
        return new PhaseJson(t.phase().name(), t.startedAt(), t.finishedAt(),
                t.finishedAt().map(f -> Duration.between(t.startedAt(), f).toMillis()));
    }
}
