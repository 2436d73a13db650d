package io.slipway.core.security;

import java.util.Objects;
import java.util.Optional;

/**
 * Who sent a request, as the access filter found out: the user, the strongest role the
 * credential allows (a token's scope; a session allows the user's whole role), and for a cookie
 * session its CSRF token. Resources read it from the request property {@link #PROPERTY}.
 *
 * @param sessionCsrf present only when the request was authenticated by a session cookie
 */
public record Caller(User user, Role cap, Optional<String> sessionCsrf, String actor) {
    /** The request property holding the {@code Caller} of an authenticated request. */
    public static final String PROPERTY = "slipway.caller";

    public Caller {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(cap, "cap");
        Objects.requireNonNull(sessionCsrf, "sessionCsrf");
        Objects.requireNonNull(actor, "actor");
    }

    /** The user's global role, capped by the credential. */
    public Role role() {
        return user.role().cap(cap);
    }

    public boolean isAdmin() {
        return role() == Role.ADMIN;
    }

    public boolean viaSession() {
        return sessionCsrf.isPresent();
    }
}
