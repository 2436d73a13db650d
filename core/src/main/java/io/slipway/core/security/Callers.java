package io.slipway.core.security;

import jakarta.ws.rs.container.ContainerRequestContext;

/** The caller the access filter left on a request. */
public final class Callers {
    private Callers() {
    }

    /** @throws UnauthenticatedException when the request went through no authentication (an open route) */
    public static Caller of(ContainerRequestContext request) {
        if (request.getProperty(Caller.PROPERTY) instanceof Caller c) {
            return c;
        }
        throw new UnauthenticatedException("Sign in first.");
    }
}
