package io.slipway.core.monitoring;

import io.slipway.core.cluster.Cluster;
import io.slipway.core.monitoring.internal.DeploymentMeters;
import io.slipway.core.monitoring.internal.DeploymentQueries;
import io.slipway.core.monitoring.internal.HealthChecks;
import io.slipway.core.pipeline.Pipeline;
import io.slipway.core.pipeline.PipelineSettings;
import io.slipway.core.plugins.ExtensionRegistry;
import io.slipway.core.plugins.PluginService;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;

/** Wiring of the monitoring feature for the composition root. */
public final class MonitoringServices implements AutoCloseable {
    private final Monitoring monitoring;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService checks;

    private MonitoringServices(Monitoring monitoring, ScheduledExecutorService scheduler, ExecutorService checks) {
        this.monitoring = monitoring;
        this.scheduler = scheduler;
        this.checks = checks;
    }

    /** Starts the deployment meters (recorded every 5 s); the caller closes the result. */
    public static MonitoringServices start(Jdbi jdbi, SlipwayMeters meters, Pipeline pipeline, PluginService plugins,
                                           ExtensionRegistry registry, Cluster cluster, Clock clock) {
        AtomicInteger n = new AtomicInteger();
        ExecutorService checks = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "slipway-health-check-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "slipway-deployment-meters");
            t.setDaemon(true);
            return t;
        });
        DeploymentQueries queries = new DeploymentQueries(jdbi);
        DeploymentMeters deploymentMeters = new DeploymentMeters(queries, () -> pipeline.status().instance(),
                meters.registry(), clock);
        scheduler.scheduleWithFixedDelay(deploymentMeters::recordFinishedPhases, 5, 5, TimeUnit.SECONDS);
        HealthChecks health = new HealthChecks(jdbi, queries, plugins, registry, pipeline, cluster, checks, clock);
        Monitoring monitoring = new Monitoring(health, queries, deploymentMeters, meters, pipeline, cluster,
                PipelineSettings.fromSystemProperties().staleAfter(), clock);
        return new MonitoringServices(monitoring, scheduler, checks);
    }

    public Monitoring monitoring() {
        return monitoring;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        checks.shutdownNow();
    }
}
