package io.slipway.core.notifications;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One event sent to a target, as shown on the target's page.
 *
 * @param deploymentId empty for a test notification
 * @param event the subscription event ({@code failed}, {@code test}, ...)
 * @param status {@code PENDING} (being tried), {@code SENT} or {@code FAILED} (given up, or a
 *     failure no retry can fix)
 * @param lastError why the last attempt failed
 */
public record Delivery(long id, Optional<Long> deploymentId, String event, String phase, String status, int attempts,
                       Optional<String> lastError, Instant updatedAt) {
    public Delivery {
        Objects.requireNonNull(deploymentId, "deploymentId");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(lastError, "lastError");
    }
}
