package io.slipway.core.pipeline;

import java.time.Instant;
import java.util.Optional;

/**
 * One delivery of a deployment event to a notifier or commit-status publisher.
 *
 * @param target {@code notifier:<id>} or {@code status:<id>}
 * @param phase the phase the event announced
 * @param status {@code PENDING}, {@code SENT} or {@code FAILED} (gave up)
 * @param attempts how often it was tried
 * @param lastError why the last attempt failed
 */
public record NotificationRecord(long id, long deploymentId, String target, String phase, String status, int attempts,
                                 Optional<String> lastError, Instant updatedAt) {
}
