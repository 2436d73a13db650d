package io.slipway.core.security;

import io.slipway.core.SlipwayException;

/** 403: the caller is known but their role (or token scope, or a missing CSRF token) forbids this. */
public final class AccessDeniedException extends SlipwayException {
    public AccessDeniedException(String message) {
        super(403, "forbidden", message);
    }
}
