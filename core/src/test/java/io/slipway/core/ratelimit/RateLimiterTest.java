package io.slipway.core.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
    /** A clock the test moves. */
    static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void allowsThePermitsThenSaysHowLongToWait() {
        ManualClock clock = new ManualClock();
        RateLimiter limiter = new RateLimiter(3, Duration.ofMinutes(1), clock);
        for (int i = 0; i < 3; i++) {
            assertEquals(Optional.empty(), limiter.acquire("ip:10.0.0.1"));
        }
        Optional<Duration> wait = limiter.acquire("ip:10.0.0.1");
        assertTrue(wait.isPresent());
        assertEquals(Duration.ofSeconds(20), wait.get());
    }

    @Test
    void refillsOverTimeAndKeepsKeysApart() {
        ManualClock clock = new ManualClock();
        RateLimiter limiter = new RateLimiter(2, Duration.ofMinutes(1), clock);
        limiter.acquire("a");
        limiter.acquire("a");
        assertTrue(limiter.acquire("a").isPresent());
        assertEquals(Optional.empty(), limiter.acquire("b"));
        clock.advance(Duration.ofSeconds(30));
        assertEquals(Optional.empty(), limiter.acquire("a"));
        assertTrue(limiter.acquire("a").isPresent());
    }
}
