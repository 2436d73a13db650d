package io.slipway.core.router.internal;

import io.slipway.core.router.Backend;
import io.slipway.core.router.Route;
import io.slipway.core.router.RouteHosts;
import io.slipway.core.router.Routes;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Reads apps, environments, active releases and custom domains into one {@link Routes} snapshot.
 * A release may expose further services (a compose stack): each label
 * {@code slipway.route.<service>} = {@code host:port[,host:port...]} answers at
 * {@code <service>.<app host>}. A release whose exposed service runs several replicas lists them
 * all in {@code slipway.backends} = {@code host:port,host:port...}; the router takes them in turn.
 */
public final class RouteLoader {
    static final String ROUTE_LABEL = "slipway.route.";
    static final String BACKENDS_LABEL = "slipway.backends";
    private static final Pattern SERVICE = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern HOST_PORT = Pattern.compile("([A-Za-z0-9.:\\[\\]-]+):(\\d{1,5})");
    private static final ObjectMapper JSON = new ObjectMapper();
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

    private record Extra(EnvKey key, String service, List<Backend> backends) {
    }

    public Routes load() {
        return jdbi.inTransaction(this::load);
    }

    private Routes load(Handle h) {
        Map<Long, String> apps = new HashMap<>();
        h.createQuery("SELECT id, name FROM apps").map((rs, ctx) -> Map.entry(rs.getLong("id"), rs.getString("name")))
                .forEach(e -> apps.put(e.getKey(), e.getValue()));
        Map<EnvKey, Backend> active = new HashMap<>();
        Map<EnvKey, List<Backend>> replicas = new HashMap<>();
        List<Extra> extras = new ArrayList<>();
        h.createQuery("SELECT app_id, environment, endpoint_host, endpoint_port, release_json FROM active_releases")
                .map((rs, ctx) -> {
                    String host = rs.getString("endpoint_host");
                    int port = rs.getInt("endpoint_port");
                    boolean usable = host != null && !rs.wasNull() && port > 0 && port <= 65535;
                    EnvKey key = new EnvKey(rs.getLong("app_id"), rs.getString("environment"));
                    JsonNode labels = labels(rs.getString("release_json"));
                    extras.addAll(extras(key, labels));
                    Optional<Backend> backend = Optional.ofNullable(usable ? new Backend(host, port) : null);
                    backend.ifPresent(b -> replicas.put(key, backends(labels.path(BACKENDS_LABEL).asText())
                            .stream().filter(r -> !r.equals(b)).toList()));
                    return Map.entry(key, backend);
                }).forEach(e -> e.getValue().ifPresent(b -> active.put(e.getKey(), b)));
        List<AppEnv> environments = h.createQuery("SELECT app_id, name FROM environments")
                .map((rs, ctx) -> new AppEnv(rs.getLong("app_id"), rs.getString("name"))).list();
        List<AppEnv> domains = h.createQuery("SELECT app_id, domain FROM app_domains ORDER BY domain")
                .map((rs, ctx) -> new AppEnv(rs.getLong("app_id"), rs.getString("domain"))).list();

        Routes.Builder routes = Routes.builder();
        // App names first: a custom domain never shadows <app>.<base>.
        apps.forEach((id, name) -> routes.add(hosts.hostOf(name, RouteHosts.PRODUCTION),
                route(active, replicas, id, name, RouteHosts.PRODUCTION)));
        for (AppEnv env : environments) {
            String app = apps.get(env.appId());
            if (app != null) {
                routes.add(hosts.hostOf(app, env.name()), route(active, replicas, env.appId(), app, env.name()));
            }
        }
        active.keySet().forEach(k -> {
            String app = apps.get(k.appId());
            if (app != null) {
                routes.add(hosts.hostOf(app, k.environment()),
                        route(active, replicas, k.appId(), app, k.environment()));
            }
        });
        for (Extra extra : extras) {
            String app = apps.get(extra.key().appId());
            if (app != null) {
                routes.add(extra.service() + "." + hosts.hostOf(app, extra.key().environment()),
                        new Route(app, extra.key().environment(), Optional.of(extra.backends().get(0)),
                                extra.backends().subList(1, extra.backends().size())));
            }
        }
        for (AppEnv domain : domains) {
            String app = apps.get(domain.appId());
            if (app != null) {
                routes.add(domain.name(), route(active, replicas, domain.appId(), app, RouteHosts.PRODUCTION));
            }
        }
        return routes.build();
    }

    private static JsonNode labels(String releaseJson) {
        if (releaseJson == null) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(releaseJson).path("labels");
        } catch (JsonProcessingException e) {
            return MissingNode.getInstance();
        }
    }

    /** The further services a release exposes; a label that is not a DNS label or host:port list is ignored. */
    private static List<Extra> extras(EnvKey key, JsonNode labels) {
        List<Extra> found = new ArrayList<>();
        labels.fields().forEachRemaining(label -> {
            String name = label.getKey();
            if (!name.startsWith(ROUTE_LABEL)) {
                return;
            }
            String service = name.substring(ROUTE_LABEL.length());
            List<Backend> backends = backends(label.getValue().asText());
            if (SERVICE.matcher(service).matches() && !backends.isEmpty()) {
                found.add(new Extra(key, service, backends));
            }
        });
        return found;
    }

    /** {@code host:port,host:port...}; the entries that are not a host and a port in range are left out. */
    private static List<Backend> backends(String list) {
        List<Backend> found = new ArrayList<>();
        for (String item : list.split(",")) {
            Matcher target = HOST_PORT.matcher(item.strip());
            if (target.matches()) {
                int port = Integer.parseInt(target.group(2));
                if (port > 0 && port <= 65535) {
                    found.add(new Backend(target.group(1), port));
                }
            }
        }
        return found;
    }

    private static Route route(Map<EnvKey, Backend> active, Map<EnvKey, List<Backend>> replicas, long appId,
                               String app, String environment) {
        EnvKey key = new EnvKey(appId, environment);
        return new Route(app, environment, Optional.ofNullable(active.get(key)), replicas.getOrDefault(key, List.of()));
    }
}
