package io.slipway.core.monitoring.internal;

import io.slipway.core.cluster.Cluster;
import io.slipway.core.cluster.ClusterMember;
import io.slipway.core.monitoring.HealthCheck;
import io.slipway.core.pipeline.Pipeline;
import io.slipway.core.pipeline.PipelineStatus;
import io.slipway.core.plugins.ExtensionRegistry;
import io.slipway.core.plugins.PluginInfo;
import io.slipway.core.plugins.PluginService;
import io.slipway.core.plugins.PluginStatus;
import io.slipway.core.plugins.RegisteredExtension;
import io.slipway.plugin.api.ConnectionCheck;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jdbi.v3.core.Jdbi;

/** The parts of the health report, each bounded in time. */
public final class HealthChecks {
    /** The plugin whose connection check tells whether the container engine answers. */
    static final String ENGINE_PLUGIN = "docker";
    private static final Duration ENGINE_TIMEOUT = Duration.ofSeconds(5);
    /** A deployment queued this long while workers are free means the queue does not move. */
    private static final Duration QUEUE_WAIT_DEGRADED = Duration.ofMinutes(5);

    private final Jdbi jdbi;
    private final DeploymentQueries queries;
    private final PluginService plugins;
    private final ExtensionRegistry registry;
    private final Pipeline pipeline;
    private final Cluster cluster;
    private final ExecutorService checks;
    private final Clock clock;

    public HealthChecks(Jdbi jdbi, DeploymentQueries queries, PluginService plugins, ExtensionRegistry registry,
                        Pipeline pipeline, Cluster cluster, ExecutorService checks, Clock clock) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.queries = Objects.requireNonNull(queries, "queries");
        this.plugins = Objects.requireNonNull(plugins, "plugins");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.checks = Objects.requireNonNull(checks, "checks");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public HealthCheck database() {
        long start = System.nanoTime();
        try {
            jdbi.withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one());
            long millis = (System.nanoTime() - start) / 1_000_000;
            return new HealthCheck(HealthCheck.OK, "The database answers.", Map.of("millis", millis));
        } catch (RuntimeException e) {
            return new HealthCheck(HealthCheck.DOWN, "The database does not answer: " + e.getMessage()
                    + ". Check that it runs and SLIPWAY_DB_URL.", Map.of());
        }
    }

    /** The docker plugin's own connection check (the engine's version), if that plugin runs. */
    public HealthCheck engine() {
        List<RegisteredExtension> extensions = registry.ofPlugin(ENGINE_PLUGIN);
        if (extensions.isEmpty()) {
            return new HealthCheck(HealthCheck.OK, "No container engine plugin is started; nothing to check.",
                    Map.of("checked", false));
        }
        for (RegisteredExtension ext : extensions) {
            Optional<ConnectionCheck> check = connectionCheck(ext);
            if (check.isPresent() && check.get().supported()) {
                ConnectionCheck c = check.get();
                return new HealthCheck(c.ok() ? HealthCheck.OK : HealthCheck.DOWN, c.message(),
                        Map.of("checked", true, "extension", ext.point().id() + "/" + ext.id()));
            }
        }
        return new HealthCheck(HealthCheck.OK, "The " + ENGINE_PLUGIN + " plugin has no connection check.",
                Map.of("checked", false));
    }

    private Optional<ConnectionCheck> connectionCheck(RegisteredExtension ext) {
        CompletableFuture<ConnectionCheck> f = CompletableFuture.supplyAsync(() -> plugins.testConnection(ext, Map.of()),
                checks);
        try {
            return Optional.of(f.get(ENGINE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            f.cancel(true);
            return Optional.of(ConnectionCheck.failed("The container engine did not answer within "
                    + ENGINE_TIMEOUT.toSeconds() + " s."));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (java.util.concurrent.ExecutionException e) {
            // Config the check cannot do without (an app's settings): not this extension.
            return Optional.empty();
        }
    }

    public HealthCheck plugins() {
        List<PluginInfo> all = plugins.list();
        Map<String, Object> details = new LinkedHashMap<>();
        int failed = 0;
        for (PluginInfo p : all) {
            details.put(p.id(), p.status().name());
            if (p.status() == PluginStatus.FAILED) {
                failed++;
            }
        }
        if (failed > 0) {
            return new HealthCheck(HealthCheck.DEGRADED, failed + " plugin(s) failed to start; see the plugins page.",
                    details);
        }
        return new HealthCheck(HealthCheck.OK, all.size() + " plugin(s), none failed.", details);
    }

    public HealthCheck queue() {
        try {
            PipelineStatus s = pipeline.status();
            long queued = queries.queued();
            Optional<Instant> oldest = queries.oldestQueuedAt();
            long waitedSeconds = oldest.map(t -> Duration.between(t, clock.instant()).toSeconds()).orElse(0L);
            Map<String, Object> details = Map.of("queued", queued, "running", s.running(), "workers", s.workers(),
                    "oldestQueuedSeconds", waitedSeconds);
            if (waitedSeconds > QUEUE_WAIT_DEGRADED.toSeconds() && s.running() < s.workers()) {
                return new HealthCheck(HealthCheck.DEGRADED, "A deployment has waited " + waitedSeconds
                        + " s although workers are free; see /api/v1/monitoring/stuck.", details);
            }
            return new HealthCheck(HealthCheck.OK, queued + " queued, " + s.running() + " of " + s.workers()
                    + " workers busy.", details);
        } catch (RuntimeException e) {
            return new HealthCheck(HealthCheck.DOWN, "The queue cannot be read: " + e.getMessage(), Map.of());
        }
    }

    public HealthCheck cluster() {
        try {
            List<ClusterMember> members = cluster.members();
            long alive = members.stream().filter(ClusterMember::alive).count();
            Optional<ClusterMember> leader = members.stream().filter(ClusterMember::leader).findFirst();
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("server", cluster.serverId());
            details.put("leader", cluster.isLeader());
            details.put("aliveServers", alive);
            leader.ifPresent(l -> details.put("leaderServer", l.id()));
            if (leader.isEmpty()) {
                return new HealthCheck(HealthCheck.DEGRADED, "No server leads right now (one takes over within seconds).",
                        details);
            }
            return new HealthCheck(HealthCheck.OK, alive + " server(s) alive; " + leader.get().host() + " leads.",
                    details);
        } catch (RuntimeException e) {
            return new HealthCheck(HealthCheck.DOWN, "The servers table cannot be read: " + e.getMessage(), Map.of());
        }
    }
}
