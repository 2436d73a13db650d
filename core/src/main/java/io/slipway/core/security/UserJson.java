package io.slipway.core.security;

import java.time.Instant;

/** A user in the REST API (never the password hash). */
public record UserJson(String username, String role, boolean hasPassword, Instant createdAt) {
    public static UserJson of(User u) {
        return new UserJson(u.username(), u.role().id(), u.hasPassword(), u.createdAt());
    }
}
