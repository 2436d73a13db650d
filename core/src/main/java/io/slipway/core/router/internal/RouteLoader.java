package io.slipway.core.router.internal;

import io.slipway.core.router.Backend;
import io.slipway.core.router.Route;
import io.slipway.core.router.RouteHosts;
import io.slipway.core.router.Routes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Reads apps, environments, active releases and custom domains into one {@link Routes} snapshot. */
public final class RouteLoader {
    private final Jdbi jdbi;
    private final RouteHosts hosts;

    public RouteLoader(Jdbi jdbi, RouteHosts hosts) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.hosts = Objects.requireNonNull(hosts, "hosts");
    }

    private record EnvKey(long appId, String environment) {
    }

    private record AppEnv(long appId, String name) {
    }

    public Routes load() {
        return jdbi.inTransaction(this::load);
    }

    private Routes load(Handle h) {
        Map<Long, String> apps = new HashMap<>();
        h.createQuery("SELECT id, name FROM apps").map((rs, ctx) -> Map.entry(rs.getLong("id"), rs.getString("name")))
                .forEach(e -> apps.put(e.getKey(), e.getValue()));
        Map<EnvKey, Backend> active = new HashMap<>();
        h.createQuery("SELECT app_id, environment, endpoint_host, endpoint_port FROM active_releases").map((rs, ctx) -> {
            String host = rs.getString("endpoint_host");
            int port = rs.getInt("endpoint_port");
            boolean usable = host != null && !rs.wasNull() && port > 0 && port <= 65535;
            return Map.entry(new EnvKey(rs.getLong("app_id"), rs.getString("environment")),
                    Optional.ofNullable(usable ? new Backend(host, port) : null));
        }).forEach(e -> e.getValue().ifPresent(b -> active.put(e.getKey(), b)));
        List<AppEnv> environments = h.createQuery("SELECT app_id, name FROM environments")
                .map((rs, ctx) -> new AppEnv(rs.getLong("app_id"), rs.getString("name"))).list();
        List<AppEnv> domains = h.createQuery("SELECT app_id, domain FROM app_domains ORDER BY domain")
                .map((rs, ctx) -> new AppEnv(rs.getLong("app_id"), rs.getString("domain"))).list();

        Routes.Builder routes = Routes.builder();
        // App names first: a custom domain never shadows <app>.<base>.
        apps.forEach((id, name) -> routes.add(hosts.hostOf(name, RouteHosts.PRODUCTION), route(active, id, name,
                RouteHosts.PRODUCTION)));
        for (AppEnv env : environments) {
            String app = apps.get(env.appId());
            if (app != null) {
                routes.add(hosts.hostOf(app, env.name()), route(active, env.appId(), app, env.name()));
            }
        }
        active.keySet().forEach(k -> {
            String app = apps.get(k.appId());
            if (app != null) {
                routes.add(hosts.hostOf(app, k.environment()), route(active, k.appId(), app, k.environment()));
            }
        });
        for (AppEnv domain : domains) {
            String app = apps.get(domain.appId());
            if (app != null) {
                routes.add(domain.name(), route(active, domain.appId(), app, RouteHosts.PRODUCTION));
            }
        }
        return routes.build();
    }

    private static Route route(Map<EnvKey, Backend> active, long appId, String app, String environment) {
        return new Route(app, environment, Optional.ofNullable(active.get(new EnvKey(appId, environment))));
    }
}
