package io.slipway.core.monitor;

import java.time.Duration;
import java.util.Objects;

/**
 * How the release health monitor probes. Defaults suit a server; tests shorten them through
 * system properties {@code slipway.monitor.<name>}.
 *
 * @param interval the pause between two rounds of probes ({@code intervalMillis})
 * @param failures consecutive failed probes before a release counts as degraded ({@code failures})
 * @param probeTimeout the deadline one probe gets ({@code probeTimeoutMillis})
 */
public record MonitorSettings(Duration interval, int failures, Duration probeTimeout) {
    public MonitorSettings {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(probeTimeout, "probeTimeout");
        if (interval.isNegative() || interval.isZero() || probeTimeout.isNegative() || probeTimeout.isZero()) {
            throw new IllegalArgumentException("the monitor's interval and probe timeout must be positive");
        }
        if (failures < 1) {
            throw new IllegalArgumentException("the monitor needs at least 1 failed probe to call a release degraded");
        }
    }

    public static MonitorSettings defaults() {
        return new MonitorSettings(Duration.ofSeconds(30), 3, Duration.ofSeconds(10));
    }

    public static MonitorSettings fromSystemProperties() {
        MonitorSettings d = defaults();
        return new MonitorSettings(millis("intervalMillis", d.interval),
                Integer.getInteger("slipway.monitor.failures", d.failures), millis("probeTimeoutMillis", d.probeTimeout));
    }

    private static Duration millis(String name, Duration fallback) {
        Long v = Long.getLong("slipway.monitor." + name);
        return v == null ? fallback : Duration.ofMillis(v);
    }
}
