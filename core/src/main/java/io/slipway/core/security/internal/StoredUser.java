package io.slipway.core.security.internal;

import io.slipway.core.security.User;
import java.time.Instant;
import java.util.Optional;

/** A user row with what only the login check needs. */
public record StoredUser(User user, Optional<String> passwordHash, int failedLogins, Optional<Instant> lockedUntil) {
}
