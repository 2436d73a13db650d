package io.slipway.core.monitoring;

import java.util.Map;
import java.util.Objects;

/**
 * One part of {@link HealthReport}.
 *
 * @param status {@code ok}, {@code degraded} (works, but look at it) or {@code down}
 * @param message what an operator should know
 * @param details figures behind the status
 */
public record HealthCheck(String status, String message, Map<String, Object> details) {
    public static final String OK = "ok";
    public static final String DEGRADED = "degraded";
    public static final String DOWN = "down";

    public HealthCheck {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(message, "message");
        details = Map.copyOf(details);
    }
}
