package io.slipway.core.security;

import java.util.Objects;

/** A token just created: {@code secret} is its value, returned this once and never again. */
public record NewApiToken(ApiToken token, String secret) {
    public NewApiToken {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(secret, "secret");
    }
}
