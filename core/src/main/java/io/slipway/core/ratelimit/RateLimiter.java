package io.slipway.core.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per key (an IP, a token id, an account): {@code permits} requests per
 * {@code period}, refilled continuously. Buckets that are full again are dropped, so memory stays
 * bounded by the keys active within one period.
 *
 * <pre>{@code
 * RateLimiter logins = new RateLimiter(10, Duration.ofMinutes(1), clock);
 * Optional<Duration> wait = logins.acquire("ip:" + remoteAddress);
 * wait.ifPresent(w -> { throw new TooManyRequestsException(w); });
 * }</pre>
 */
public final class RateLimiter {
    private static final int SWEEP_EVERY = 1024;

    private final int permits;
    private final double nanosPerPermit;
    private final Clock clock;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private int calls;

    public RateLimiter(int permits, Duration period, Clock clock) {
        if (permits < 1) {
            throw new IllegalArgumentException("permits must be at least 1");
        }
        this.permits = permits;
        this.nanosPerPermit = (double) Objects.requireNonNull(period, "period").toNanos() / permits;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Takes one permit for {@code key}.
     *
     * @return empty when allowed; otherwise how long until the next permit (for Retry-After)
     */
    public Optional<Duration> acquire(String key) {
        Objects.requireNonNull(key, "key");
        long now = nanos();
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(permits, now));
        Optional<Duration> wait;
        synchronized (bucket) {
            bucket.refill(now, permits, nanosPerPermit);
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                wait = Optional.empty();
            } else {
                wait = Optional.of(Duration.ofNanos((long) Math.ceil((1 - bucket.tokens) * nanosPerPermit)));
            }
        }
        sweepSometimes(now);
        return wait;
    }

    private long nanos() {
        return clock.instant().getEpochSecond() * 1_000_000_000L + clock.instant().getNano();
    }

    private void sweepSometimes(long now) {
        boolean sweep;
        synchronized (this) {
            sweep = ++calls % SWEEP_EVERY == 0;
        }
        if (sweep) {
            buckets.entrySet().removeIf(e -> {
                synchronized (e.getValue()) {
                    e.getValue().refill(now, permits, nanosPerPermit);
                    return e.getValue().tokens >= permits;
                }
            });
        }
    }

    private static final class Bucket {
        private double tokens;
        private long updated;

        private Bucket(double tokens, long updated) {
            this.tokens = tokens;
            this.updated = updated;
        }

        private void refill(long now, int max, double nanosPerPermit) {
            if (now > updated) {
                tokens = Math.min(max, tokens + (now - updated) / nanosPerPermit);
                updated = now;
            }
        }
    }
}
