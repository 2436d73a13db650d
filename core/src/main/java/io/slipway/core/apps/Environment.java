package io.slipway.core.apps;

import java.time.Instant;
import java.util.Objects;

/** A place an app is deployed to ({@code production}, {@code staging}...); the name is a DNS label. */
public record Environment(String name, Instant createdAt) {
    public static final String PRODUCTION = "production";

    public Environment {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
