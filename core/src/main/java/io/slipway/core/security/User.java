package io.slipway.core.security;

import java.time.Instant;
import java.util.Objects;

/**
 * A person (or robot) who can sign in. The password hash never leaves the store.
 *
 * @param hasPassword false for an account that only has API tokens (SLIPWAY_ADMIN_TOKEN alone)
 */
public record User(long id, String username, Role role, boolean hasPassword, Instant createdAt) {
    public User {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
