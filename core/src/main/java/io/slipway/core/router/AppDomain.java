package io.slipway.core.router;

import java.time.Instant;
import java.util.Objects;

/** A custom domain of an app: requests for it go to the app's production release. */
public record AppDomain(String domain, String app, Instant createdAt) {
    public AppDomain {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
