package io.slipway.core.router;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one host name leads to: an app's environment and, when a healthy release serves it, that
 * release's backend (empty: the app is known but has nothing to serve, so the router answers 503),
 * plus any further replicas of the same service (a compose service with several replicas), which
 * the router takes in turn with the first.
 */
public record Route(String app, String environment, Optional<Backend> backend, List<Backend> replicas) {
    public Route {
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(backend, "backend");
        replicas = backend.isEmpty() ? List.of() : List.copyOf(replicas);
    }

    public Route(String app, String environment, Optional<Backend> backend) {
        this(app, environment, backend, List.of());
    }

    /** The backend for the {@code n}th request (round robin over the backend and its replicas). */
    public Optional<Backend> backendFor(long n) {
        if (replicas.isEmpty() || backend.isEmpty()) {
            return backend;
        }
        int i = (int) Math.floorMod(n, (long) replicas.size() + 1);
        return i == 0 ? backend : Optional.of(replicas.get(i - 1));
    }
}
