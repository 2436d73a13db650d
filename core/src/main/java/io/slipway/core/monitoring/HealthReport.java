package io.slipway.core.monitoring;

import java.util.Map;
import java.util.Objects;

/**
 * The server's health: the worst of its parts (database, engine, plugins, queue, cluster).
 *
 * @param status {@code ok}, {@code degraded} or {@code down}
 * @param checks each part by name
 */
public record HealthReport(String status, Map<String, HealthCheck> checks) {
    public HealthReport {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(checks, "checks");
    }

    public static HealthReport of(Map<String, HealthCheck> checks) {
        String worst = HealthCheck.OK;
        for (HealthCheck c : checks.values()) {
            if (c.status().equals(HealthCheck.DOWN)) {
                worst = HealthCheck.DOWN;
            } else if (c.status().equals(HealthCheck.DEGRADED) && worst.equals(HealthCheck.OK)) {
                worst = HealthCheck.DEGRADED;
            }
        }
        return new HealthReport(worst, checks);
    }
}
