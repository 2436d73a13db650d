package io.slipway.core.notifications;

import java.time.Duration;
import java.util.Objects;

/**
 * How notifications are delivered. Defaults suit a server; tests shorten them through system
 * properties {@code slipway.notifications.<name>} (durations in milliseconds).
 *
 * @param attempts how often an event is tried before the failure is recorded
 * @param backoff the first retry delay; doubles each attempt, with up to 20 % jitter either way
 * @param maxBackoff the longest delay between attempts, also the cap on a service's Retry-After
 * @param attemptTimeout how long one attempt may take before it counts as failed
 * @param threads how many deliveries run at once
 * @param queue how many attempts may wait for a thread; beyond that an event is dropped and recorded
 */
public record NotificationSettings(int attempts, Duration backoff, Duration maxBackoff, Duration attemptTimeout,
                                   int threads, int queue) {

    public NotificationSettings {
        Objects.requireNonNull(backoff, "backoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(attemptTimeout, "attemptTimeout");
        if (attempts < 1 || threads < 1 || queue < 1) {
            throw new IllegalArgumentException("attempts, threads and queue must be at least 1");
        }
    }

    public static NotificationSettings fromSystemProperties() {
        return new NotificationSettings(Integer.getInteger("slipway.notifications.attempts", 5),
                millis("backoffMillis", Duration.ofSeconds(2)), millis("maxBackoffMillis", Duration.ofMinutes(5)),
                millis("attemptTimeoutMillis", Duration.ofSeconds(30)),
                Integer.getInteger("slipway.notifications.threads", 4),
                Integer.getInteger("slipway.notifications.queue", 1000));
    }

    private static Duration millis(String name, Duration fallback) {
        Long v = Long.getLong("slipway.notifications." + name);
        return v == null ? fallback : Duration.ofMillis(v);
    }
}
