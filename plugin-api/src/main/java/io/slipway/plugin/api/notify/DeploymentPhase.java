package io.slipway.plugin.api.notify;

/**
 * The phases of a deployment, in order, and its ends.
 *
 * <pre>{@code
 * if (event.phase().isFinal()) postSummary(event);
 * }</pre>
 */
public enum DeploymentPhase {
    QUEUED, FETCHING_SOURCE, BUILDING, DEPLOYING, HEALTH_CHECKING, SWITCHING_TRAFFIC,
    ACTIVE, FAILED, CANCELLED, SUPERSEDED, ROLLED_BACK;

    /** The phases a deployment never leaves. */
    public boolean isFinal() {
        return this == ACTIVE || this == FAILED || this == CANCELLED || this == SUPERSEDED
                || this == ROLLED_BACK;
    }
}
