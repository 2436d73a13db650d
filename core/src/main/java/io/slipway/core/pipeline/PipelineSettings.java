package io.slipway.core.pipeline;

import java.time.Duration;
import java.util.Objects;

/**
 * The pipeline's own timings. Defaults suit a server; tests and the crash test shorten them
 * through system properties ({@code slipway.pipeline.<name>Millis}).
 *
 * @param retireGrace how long the previous release keeps running after traffic switched away
 * @param staleAfter a running deployment whose server has not beaten its heart for this long is
 *                   taken over (the server died)
 * @param heartbeat how often a server marks its running deployments as alive
 * @param reconcileEvery how often the reconciler runs
 * @param stuckGrace extra time past a phase's timeout before the reconciler calls it stuck
 * @param notifyBackoff the first retry delay of a failed notification (doubles each attempt)
 * @param notifyAttempts how many times a notification is tried
 * @param maxResumes how often a deployment interrupted by a restart is resumed before it fails
 * @param poll how often workers look for queued deployments other servers added
 */
public record PipelineSettings(Duration retireGrace, Duration staleAfter, Duration heartbeat,
                               Duration reconcileEvery, Duration stuckGrace, Duration notifyBackoff,
                               int notifyAttempts, int maxResumes, Duration poll) {
    public PipelineSettings {
        Objects.requireNonNull(retireGrace, "retireGrace");
        Objects.requireNonNull(staleAfter, "staleAfter");
        Objects.requireNonNull(heartbeat, "heartbeat");
        Objects.requireNonNull(reconcileEvery, "reconcileEvery");
        Objects.requireNonNull(stuckGrace, "stuckGrace");
        Objects.requireNonNull(notifyBackoff, "notifyBackoff");
        Objects.requireNonNull(poll, "poll");
    }

    public static PipelineSettings defaults() {
        return new PipelineSettings(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(5),
                Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofSeconds(2), 5, 1, Duration.ofSeconds(1));
    }

    /** The defaults, each overridable by {@code -Dslipway.pipeline.<name>Millis=...}. */
    public static PipelineSettings fromSystemProperties() {
        PipelineSettings d = defaults();
        return new PipelineSettings(millis("retireGrace", d.retireGrace), millis("staleAfter", d.staleAfter),
                millis("heartbeat", d.heartbeat), millis("reconcileEvery", d.reconcileEvery),
                millis("stuckGrace", d.stuckGrace), millis("notifyBackoff", d.notifyBackoff),
                Integer.getInteger("slipway.pipeline.notifyAttempts", d.notifyAttempts),
                Integer.getInteger("slipway.pipeline.maxResumes", d.maxResumes), millis("poll", d.poll));
    }

    private static Duration millis(String name, Duration fallback) {
        Long v = Long.getLong("slipway.pipeline." + name + "Millis");
        return v == null ? fallback : Duration.ofMillis(v);
    }
}
