package io.slipway.core.security;

import io.slipway.core.SlipwayException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * A login attempt not even checked: too many from this address (429) or the account is locked
 * for a while after repeated failures (423). {@link #retryAfter()} feeds the Retry-After header.
 */
public final class LoginRefusedException extends SlipwayException {
    private final Duration retryAfter;

    private LoginRefusedException(int status, String code, String message, Duration retryAfter) {
        super(status, code, message);
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
    }

    public static LoginRefusedException tooMany(Duration wait) {
        return new LoginRefusedException(429, "too_many_logins",
                "Too many login attempts from your address. Wait " + seconds(wait) + " s and try again.", wait);
    }

    public static LoginRefusedException locked(Duration wait) {
        return new LoginRefusedException(423, "account_locked",
                "This account is locked after repeated failed logins. Try again in " + seconds(wait)
                        + " s, or ask an administrator.", wait);
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /** Whole seconds, at least 1, for Retry-After. */
    public long retryAfterSeconds() {
        return seconds(retryAfter);
    }

    @Override
    public Map<String, Object> details() {
        return Map.of("retryAfterSeconds", retryAfterSeconds());
    }

    private static long seconds(Duration d) {
        return Math.max(1, (d.toMillis() + 999) / 1000);
    }
}
