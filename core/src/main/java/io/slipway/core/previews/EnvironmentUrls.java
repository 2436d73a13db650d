package io.slipway.core.previews;

import io.slipway.core.config.SlipwayConfig;
import io.slipway.core.router.RouteHosts;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Where an app's environment answers through the app router: {@code http://<app>-<env>.<base>[:port]}
 * ({@code <app>.<base>} for production), for commit statuses and preview comments.
 */
public final class EnvironmentUrls {
    private EnvironmentUrls() {
    }

    public static BiFunction<String, String, Optional<String>> of(SlipwayConfig config) {
        RouteHosts hosts = new RouteHosts(config.baseDomain());
        int port = config.routerPort();
        String suffix = port <= 0 || port == 80 ? "" : ":" + port;
        return (app, env) -> Optional.of("http://" + hosts.hostOf(app, env) + suffix);
    }
}
