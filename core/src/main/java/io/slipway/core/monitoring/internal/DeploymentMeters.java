package io.slipway.core.monitoring.internal;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.slipway.core.pipeline.DeploymentPhases;
import io.slipway.plugin.api.notify.DeploymentPhase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deployment meters, read from the database so nothing in the pipeline has to call them:
 * <ul>
 * <li>{@code slipway_deployments{phase}}: deployments per phase now, all servers (final phases
 * are the results: {@code ACTIVE}, {@code FAILED}, ...);</li>
 * <li>{@code slipway_deployments_queued}: the queue's depth, all servers;</li>
 * <li>{@code slipway_deployment_phase_seconds{phase}}: a histogram of how long each working
 * phase took, for deployments THIS server ran (so summing over servers counts each run once);</li>
 * <li>{@code slipway_build_seconds}: the builds among them (the BUILDING phase), under the name an
 * operator looks for first.</li>
 * </ul>
 * Counts are cached for a few seconds; the histogram takes in phase runs that finished since its
 * last look, a moment behind now so a run committed late is not skipped.
 */
public final class DeploymentMeters {
    private static final Logger LOG = LoggerFactory.getLogger(DeploymentMeters.class);
    private static final Duration CACHE = Duration.ofSeconds(2);
    private static final Duration COMMIT_LAG = Duration.ofSeconds(2);

    private final DeploymentQueries queries;
    private final Supplier<String> instance;
    private final MeterRegistry registry;
    private final Clock clock;
    private final Map<DeploymentPhase, Timer> phaseTimers = new ConcurrentHashMap<>();
    private final Timer builds;
    private volatile Optional<Map<String, Long>> counts = Optional.empty();
    private volatile Instant countedAt = Instant.EPOCH;
    private Instant recordedUpTo;

    public DeploymentMeters(DeploymentQueries queries, Supplier<String> instance, MeterRegistry registry, Clock clock) {
        this.queries = Objects.requireNonNull(queries, "queries");
        this.instance = Objects.requireNonNull(instance, "instance");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.recordedUpTo = clock.instant().minus(COMMIT_LAG);
        for (DeploymentPhase phase : DeploymentPhase.values()) {
            Gauge.builder("slipway.deployments", this, m -> m.count(phase.name()))
                    .description("Deployments in each phase now (final phases are results), all servers")
                    .tag("phase", phase.name()).register(registry);
        }
        Gauge.builder("slipway.deployments.queued", this, m -> m.count(DeploymentPhase.QUEUED.name()))
                .description("Deployments waiting in the queue, all servers").register(registry);
        for (DeploymentPhase phase : DeploymentPhases.WORKING) {
            phaseTimers.put(phase, histogram(Timer.builder("slipway.deployment.phase")
                    .description("How long each phase of the deployments this server ran took")
                    .tag("phase", phase.name())).register(registry));
        }
        builds = histogram(Timer.builder("slipway.build").description("How long the builds this server ran took"))
                .register(registry);
    }

    private static Timer.Builder histogram(Timer.Builder timer) {
        return timer.publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(10))
                .maximumExpectedValue(Duration.ofHours(1));
    }

    /** Takes in finished phase runs; called every few seconds and before each scrape. */
    public synchronized void recordFinishedPhases() {
        Instant upTo = clock.instant().minus(COMMIT_LAG);
        if (!upTo.isAfter(recordedUpTo)) {
            return;
        }
        try {
            for (DeploymentQueries.PhaseRun run : queries.phaseRunsFinished(instance.get(), recordedUpTo, upTo)) {
                DeploymentPhase phase = DeploymentPhase.valueOf(run.phase());
                Timer t = phaseTimers.get(phase);
                if (t != null) {
                    t.record(run.took());
                }
                if (phase == DeploymentPhase.BUILDING) {
                    builds.record(run.took());
                }
            }
            recordedUpTo = upTo;
        } catch (RuntimeException e) {
            LOG.debug("Reading finished phase runs failed; next time: {}", e.getMessage());
        }
    }

    private double count(String phase) {
        Instant now = clock.instant();
        if (now.isAfter(countedAt.plus(CACHE))) {
            try {
                counts = Optional.of(queries.countByPhase());
            } catch (RuntimeException e) {
                // Without the database the gauges go blank (NaN), not stale.
                counts = Optional.empty();
                LOG.debug("Counting deployments failed: {}", e.getMessage());
            }
            countedAt = now;
        }
        return counts.map(c -> (double) c.getOrDefault(phase, 0L)).orElse(Double.NaN);
    }
}
