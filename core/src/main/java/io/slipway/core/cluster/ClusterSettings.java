package io.slipway.core.cluster;

import java.time.Duration;
import java.util.Objects;

/**
 * Timings of the servers' heartbeats and leader election.
 *
 * @param heartbeat how often a server writes its heartbeat and (if not leader) tries the lock
 * @param aliveWithin a server whose heartbeat is older than this is shown as dead
 * @param forgetAfter rows of servers silent for this long are deleted by the leader
 */
public record ClusterSettings(Duration heartbeat, Duration aliveWithin, Duration forgetAfter) {
    public ClusterSettings {
        Objects.requireNonNull(heartbeat, "heartbeat");
        Objects.requireNonNull(aliveWithin, "aliveWithin");
        Objects.requireNonNull(forgetAfter, "forgetAfter");
        if (heartbeat.isNegative() || heartbeat.isZero()) {
            throw new IllegalArgumentException("heartbeat must be positive");
        }
    }

    /** 1 s beats (a dead leader is replaced within about a second), dead after 10 s, forgotten after a day. */
    public static ClusterSettings defaults() {
        return new ClusterSettings(Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofDays(1));
    }

    /** The defaults, each overridable by {@code -Dslipway.cluster.<name>Millis=...}. */
    public static ClusterSettings fromSystemProperties() {
        ClusterSettings d = defaults();
        return new ClusterSettings(millis("heartbeat", d.heartbeat), millis("aliveWithin", d.aliveWithin),
                millis("forgetAfter", d.forgetAfter));
    }

    private static Duration millis(String name, Duration fallback) {
        Long v = Long.getLong("slipway.cluster." + name + "Millis");
        return v == null ? fallback : Duration.ofMillis(v);
    }
}
