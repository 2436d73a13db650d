package io.slipway.core.router;

import java.util.Objects;
import java.util.Optional;

/**
 * What one host name leads to: an app's environment and, when a healthy release serves it, that
 * release's backend (empty: the app is known but has nothing to serve, so the router answers 503).
 */
public record Route(String app, String environment, Optional<Backend> backend) {
    public Route {
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(backend, "backend");
    }
}
