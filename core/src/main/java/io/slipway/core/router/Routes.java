package io.slipway.core.router;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable snapshot of every host the router answers for. Built whole and swapped in one
 * step, so a request sees either the routes before a traffic switch or those after it.
 */
public final class Routes {
    private static final Routes EMPTY = new Routes(Map.of());

    private final Map<String, Route> byHost;

    private Routes(Map<String, Route> byHost) {
        this.byHost = byHost;
    }

    public static Routes empty() {
        return EMPTY;
    }

    /** The route of a Host header (any case, with or without port). */
    public Optional<Route> find(String hostHeader) {
        return Optional.ofNullable(byHost.get(RouteHosts.normalize(hostHeader)));
    }

    public Map<String, Route> byHost() {
        return byHost;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects routes; the first route given for a host wins (app names before custom domains). */
    public static final class Builder {
        private final Map<String, Route> byHost = new HashMap<>();

        public Builder add(String host, Route route) {
            byHost.putIfAbsent(RouteHosts.normalize(host), route);
            return this;
        }

        public Routes build() {
            return new Routes(Map.copyOf(byHost));
        }
    }
}
