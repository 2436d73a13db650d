package io.slipway.core.pipeline;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Queued deployments of one app+environment that a newer one superseded, and that newer one's id
 * (empty when nothing was queued at all).
 */
public record SupersededDeployments(Optional<Long> by, List<Deployment> deployments) {
    public SupersededDeployments {
        Objects.requireNonNull(by, "by");
        deployments = List.copyOf(deployments);
    }
}
