package io.slipway.plugin.api;

/**
 * Thrown by {@link io.slipway.plugin.api.step.Cancellation#throwIfCancelled()} once a user has
 * cancelled the deployment; a step lets it pass so the deployment ends {@code CANCELLED}.
 *
 * <pre>{@code
 * for (Path file : files) { step.cancellation().throwIfCancelled(); copy(file); }
 * }</pre>
 */
public class StepCancelledException extends SlipwayPluginException {
    public StepCancelledException(String message) {
        super(message);
    }
}
