package io.slipway.core.security;

import java.time.Instant;

/**
 * An API token in the REST API. {@code token} (the value) is present only in the answer to its
 * creation; it is stored hashed and cannot be shown again.
 */
public record TokenJson(long id, String name, String scope, Instant createdAt, Instant expiresAt, Instant lastUsedAt,
                        boolean revoked, String token) {
    public static TokenJson of(ApiToken t) {
        return new TokenJson(t.id(), t.name(), t.scope().id(), t.createdAt(), t.expiresAt().orElse(null),
                t.lastUsedAt().orElse(null), t.revokedAt().isPresent(), null);
    }

    public static TokenJson created(NewApiToken t) {
        TokenJson j = of(t.token());
        return new TokenJson(j.id(), j.name(), j.scope(), j.createdAt(), j.expiresAt(), j.lastUsedAt(), false, t.secret());
    }
}
