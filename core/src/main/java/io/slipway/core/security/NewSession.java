package io.slipway.core.security;

import java.time.Duration;
import java.util.Objects;

/** A session just opened: {@code cookieValue} goes into the cookie and is stored only hashed. */
public record NewSession(User user, String cookieValue, Duration lifetime) {
    public NewSession {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(cookieValue, "cookieValue");
        Objects.requireNonNull(lifetime, "lifetime");
    }
}
