package io.slipway.core.monitoring;

import java.util.Map;
import java.util.Objects;

/**
 * Deployments of every server sharing the database.
 *
 * @param byPhase how many are in each phase now (final phases are results)
 * @param durationByResult from start to finish, per final phase, over the {@code sample} newest finished
 * @param durationByPhase how long each working phase took, over the newest finished phase runs
 * @param sample how many of the newest finished deployments the durations cover at most
 */
public record DeploymentStats(Map<String, Long> byPhase, Map<String, DurationSummary> durationByResult,
                              Map<String, DurationSummary> durationByPhase, int sample) {
    public DeploymentStats {
        byPhase = Map.copyOf(Objects.requireNonNull(byPhase, "byPhase"));
        durationByResult = Map.copyOf(Objects.requireNonNull(durationByResult, "durationByResult"));
        durationByPhase = Map.copyOf(Objects.requireNonNull(durationByPhase, "durationByPhase"));
    }
}
