package io.slipway.core.pipeline;

import java.time.Instant;
import java.util.Optional;

/**
 * What the reconciler has done since this server started.
 *
 * @param runs reconciliation passes
 * @param resumed deployments interrupted by a crash and resumed
 * @param failedInterrupted deployments interrupted by a crash and failed (not resumable)
 * @param failedStuck deployments failed because a phase made no progress past its timeout
 * @param orphansRemoved releases retired because no deployment wanted them
 * @param lastRunAt when the last pass finished
 * @param lastError why the last pass failed, if it did
 */
public record ReconcilerCounts(long runs, long resumed, long failedInterrupted, long failedStuck, long orphansRemoved,
                               Optional<Instant> lastRunAt, Optional<String> lastError) {
}
