package io.slipway.core.pipeline.internal;

import io.slipway.plugin.api.notify.DeploymentPhase;

/**
 * One working phase of a deployment. Idempotent: running it again after an interruption does the
 * same work again (or skips what an earlier attempt recorded as done), never more.
 */
public interface Phase {

    DeploymentPhase phase();

    /** Does the phase's work and records its output; throws to fail the deployment. */
    void run(PhaseRun run);
}
