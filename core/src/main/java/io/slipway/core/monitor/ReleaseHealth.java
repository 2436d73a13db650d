package io.slipway.core.monitor;

import java.time.Instant;
import java.util.Objects;

/**
 * The last known health of the release serving an app+environment, as stored in
 * {@code release_health}.
 *
 * @param since when the release entered this state (or went live, if never unhealthy)
 * @param lastDetail what the probe saw at that change ("" before any change)
 */
public record ReleaseHealth(long appId, String environment, long deploymentId, boolean healthy, Instant since,
                            String lastDetail) {
    public ReleaseHealth {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(lastDetail, "lastDetail");
    }
}
