package io.slipway.core.monitoring;

import io.slipway.core.cluster.Cluster;
import io.slipway.core.monitoring.internal.DeploymentMeters;
import io.slipway.core.monitoring.internal.DeploymentQueries;
import io.slipway.core.monitoring.internal.HealthChecks;
import io.slipway.core.pipeline.PhaseTimeoutStore;
import io.slipway.core.pipeline.Pipeline;
import io.slipway.core.pipeline.ReconcilerCounts;
import io.slipway.plugin.api.notify.DeploymentPhase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an operator asks about the server: its health, deployment figures, stuck deployments,
 * and the Prometheus scrape. Built by {@link MonitoringServices}.
 */
public final class Monitoring {
    private final HealthChecks checks;
    private final DeploymentQueries queries;
    private final DeploymentMeters meters;
    private final SlipwayMeters registry;
    private final Pipeline pipeline;
    private final PhaseTimeoutStore timeouts;
    private final Cluster cluster;
    private final Duration silentAfter;
    private final Clock clock;

    Monitoring(HealthChecks checks, DeploymentQueries queries, DeploymentMeters meters, SlipwayMeters registry,
               Pipeline pipeline, Cluster cluster, Duration silentAfter, Clock clock) {
        this.checks = Objects.requireNonNull(checks, "checks");
        this.queries = Objects.requireNonNull(queries, "queries");
        this.meters = Objects.requireNonNull(meters, "meters");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
        this.timeouts = pipeline.timeouts();
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.silentAfter = Objects.requireNonNull(silentAfter, "silentAfter");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public HealthReport health() {
        Map<String, HealthCheck> parts = new LinkedHashMap<>();
        parts.put("database", checks.database());
        boolean dbUp = parts.get("database").status().equals(HealthCheck.OK);
        parts.put("engine", checks.engine());
        parts.put("plugins", checks.plugins());
        if (dbUp) {
            parts.put("queue", checks.queue());
            parts.put("cluster", checks.cluster());
        }
        return HealthReport.of(parts);
    }

    public DeploymentStats stats() {
        return queries.stats();
    }

    /** Working deployments past their phase's timeout, or whose server went silent. */
    public List<StuckDeployment> stuck() {
        Instant now = clock.instant();
        List<StuckDeployment> out = new ArrayList<>();
        for (DeploymentQueries.Working w : queries.working()) {
            Duration limit = timeouts.of(w.appId()).of(DeploymentPhase.valueOf(w.phase()));
            Duration inPhase = Duration.between(w.phaseStartedAt(), now);
            String reason = null;
            if (inPhase.compareTo(limit) > 0) {
                reason = "In " + w.phase() + " for " + inPhase.toSeconds() + " s, past its timeout of "
                        + limit.toSeconds() + " s.";
            } else if (w.heartbeatAt().map(b -> Duration.between(b, now).compareTo(silentAfter) > 0).orElse(false)) {
                reason = "Its server has not beaten its heart for "
                        + Duration.between(w.heartbeatAt().get(), now).toSeconds() + " s; it will be resumed or failed.";
            }
            if (reason != null) {
                out.add(new StuckDeployment(w.id(), w.app(), w.environment(), w.phase(), w.phaseStartedAt(),
                        w.heartbeatAt(), w.claimedBy(), reason));
            }
        }
        return out;
    }

    /** Runs the reconciler on this server now. */
    public Map<String, Object> reconcile() {
        ReconcilerCounts counts = pipeline.reconcileNow();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("server", cluster.serverId());
        out.put("leader", cluster.isLeader());
        out.put("reconciler", counts);
        return out;
    }

    /** The Prometheus text exposition of every meter. */
    public String scrape() {
        meters.recordFinishedPhases();
        return registry.scrape();
    }
}
