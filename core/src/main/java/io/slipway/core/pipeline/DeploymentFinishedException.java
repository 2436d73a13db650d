package io.slipway.core.pipeline;

import io.slipway.core.SlipwayException;

/** Cancelling a deployment that already ended (409). */
public final class DeploymentFinishedException extends SlipwayException {
    public DeploymentFinishedException(Deployment d) {
        super(409, "deployment_finished", "Deployment " + d.id() + " already ended " + d.phase()
                + "; there is nothing to cancel.");
    }
}
