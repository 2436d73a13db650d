package io.slipway.core.security;

import io.slipway.core.SlipwayException;

/** 401: no credential, or one that is wrong, expired or revoked. */
public final class UnauthenticatedException extends SlipwayException {
    public UnauthenticatedException(String message) {
        super(401, "unauthenticated", message);
    }
}
