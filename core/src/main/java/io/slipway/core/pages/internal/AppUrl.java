package io.slipway.core.pages.internal;

import io.slipway.core.router.AppRoutes;
import io.slipway.core.router.Route;
import io.slipway.core.router.RouteHosts;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * An address an app answers at through the app router, for its page.
 *
 * @param environment the environment it leads to
 * @param custom whether it is a custom domain (else {@code <app>.<base>} or {@code <app>-<env>.<base>})
 * @param live whether a release serves it now (else the router answers 503)
 */
public record AppUrl(String url, String environment, boolean custom, boolean live) {
    public AppUrl {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(environment, "environment");
    }

    /**
     * Production first (always, even before the router's next refresh knows the app), then the
     * other environments and the custom domains the router's routes hold for {@code app}.
     *
     * @param port the router's port; empty when the router is off (then the URLs are what it would serve)
     */
    public static List<AppUrl> of(String app, AppRoutes routes, OptionalInt port, int configuredPort) {
        RouteHosts hosts = routes.hosts();
        int p = port.orElse(configuredPort);
        String production = hosts.hostOf(app, RouteHosts.PRODUCTION);
        Map<String, Route> byHost = routes.current().byHost();
        boolean productionLive = byHost.containsKey(production) && byHost.get(production).backend().isPresent();
        List<AppUrl> urls = new ArrayList<>();
        urls.add(new AppUrl(url(production, p), RouteHosts.PRODUCTION, false, productionLive));
        List<AppUrl> more = new ArrayList<>();
        byHost.forEach((host, route) -> {
            if (route.app().equals(app) && !host.equals(production)) {
                boolean custom = !host.equals(hosts.hostOf(app, route.environment()));
                more.add(new AppUrl(url(host, p), route.environment(), custom, route.backend().isPresent()));
            }
        });
        more.sort(Comparator.comparing((AppUrl u) -> u.custom()).thenComparing(u -> u.url()));
        urls.addAll(more);
        return urls;
    }

    private static String url(String host, int port) {
        return "http://" + host + (port == 80 || port <= 0 ? "" : ":" + port) + "/";
    }
}
