package io.slipway.plugin.api.step;

import io.slipway.plugin.api.StepCancelledException;

/**
 * The signal that a user cancelled the deployment (or that its step timed out). Long work checks
 * it between units of work and registers a callback that stops what it started.
 *
 * <pre>{@code
 * step.cancellation().onCancel(() -> docker.stopBuild(buildId));
 * while (more()) { step.cancellation().throwIfCancelled(); work(); }
 * }</pre>
 */
public interface Cancellation {

    boolean isCancelled();

    /** @throws StepCancelledException once cancelled */
    default void throwIfCancelled() {
        if (isCancelled()) {
            throw new StepCancelledException("The deployment was cancelled.");
        }
    }

    /** Runs {@code action} once when cancelled; at once if already cancelled. */
    void onCancel(Runnable action);
}
