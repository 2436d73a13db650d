package io.slipway.core.monitoring;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A deployment in a working phase that looks stuck: past its phase's timeout, or its server has
 * not beaten its heart for a while (the reconciler will resume or fail it; {@code POST
 * /api/v1/monitoring/reconcile} does so now).
 *
 * @param id the deployment
 * @param app its app's name
 * @param environment its environment
 * @param phase the phase it is in
 * @param phaseStartedAt when that phase began
 * @param heartbeatAt its server's last sign of life
 * @param claimedBy the pipeline instance running it
 * @param reason why it is listed
 */
public record StuckDeployment(long id, String app, String environment, String phase, Instant phaseStartedAt,
                              Optional<Instant> heartbeatAt, Optional<String> claimedBy, String reason) {
    public StuckDeployment {
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(phaseStartedAt, "phaseStartedAt");
        Objects.requireNonNull(heartbeatAt, "heartbeatAt");
        Objects.requireNonNull(claimedBy, "claimedBy");
        Objects.requireNonNull(reason, "reason");
    }
}
