package io.slipway.core.pipeline.internal;

import io.slipway.core.pipeline.ActiveRelease;
import io.slipway.core.pipeline.ChosenExtension;
import io.slipway.core.pipeline.Deployment;
import io.slipway.core.pipeline.PhaseTimeoutStore;
import io.slipway.core.pipeline.PipelineApp;
import io.slipway.core.pipeline.PipelineApps;
import io.slipway.core.pipeline.PipelineSettings;
import io.slipway.core.pipeline.ReconcilerCounts;
import io.slipway.core.pipeline.TrafficSwitch;
import io.slipway.core.pipeline.internal.DeploymentTransitions.Change;
import io.slipway.plugin.api.ExtensionPointId;
import io.slipway.plugin.api.deploy.Release;
import io.slipway.plugin.api.notify.DeploymentPhase;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the pipeline's state right, at start-up and every {@link PipelineSettings#reconcileEvery()}:
 * resumes (or fails) deployments whose server died mid-phase, fails deployments stuck past their
 * phase's timeout, and retires releases that no deployment wants any more.
 */
public final class Reconciler {
    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);
    private static final String RESUMING = "Resuming at ";
    private static final String RESUMED_AFTER = " after the server running it stopped during ";

    private final DeploymentStore store;
    private final DeploymentTransitions transitions;
    private final PipelineApps apps;
    private final PhaseTimeoutStore timeouts;
    private final TrafficSwitch traffic;
    private final ReleaseRetirer retirer;
    private final RunningDeployments running;
    private final DeploymentLogFiles logs;
    private final PipelineEngine engine;
    private final PipelineSettings settings;
    private final String instance;
    private final Clock clock;
    private DeploymentWorkers workers;
    private volatile java.util.function.BooleanSupplier leader = () -> true;
    private volatile Optional<Instant> soleServerSince = Optional.empty();

    private final AtomicLong runs = new AtomicLong();
    private final AtomicLong resumed = new AtomicLong();
    private final AtomicLong failedInterrupted = new AtomicLong();
    private final AtomicLong failedStuck = new AtomicLong();
    private final AtomicLong orphansRemoved = new AtomicLong();
    private final AtomicReference<Instant> lastRunAt = new AtomicReference<>();
    private final AtomicReference<String> lastError = new AtomicReference<>();

    public Reconciler(DeploymentStore store, DeploymentTransitions transitions, PipelineApps apps,
                      PhaseTimeoutStore timeouts, TrafficSwitch traffic, ReleaseRetirer retirer,
                      RunningDeployments running, DeploymentLogFiles logs, PipelineEngine engine,
                      PipelineSettings settings, String instance, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.transitions = Objects.requireNonNull(transitions, "transitions");
        this.apps = Objects.requireNonNull(apps, "apps");
        this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
        this.traffic = Objects.requireNonNull(traffic, "traffic");
        this.retirer = Objects.requireNonNull(retirer, "retirer");
        this.running = Objects.requireNonNull(running, "running");
        this.logs = Objects.requireNonNull(logs, "logs");
        this.engine = Objects.requireNonNull(engine, "engine");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.instance = Objects.requireNonNull(instance, "instance");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The workers resumed deployments are handed to (set once, before the first pass). */
    public void resumeWith(DeploymentWorkers w) {
        this.workers = w;
    }

    /** Orphan releases are removed only while {@code isLeader} says so (several servers, one database). */
    public void removeOrphansOnlyWhen(java.util.function.BooleanSupplier isLeader) {
        this.leader = java.util.Objects.requireNonNull(isLeader, "isLeader");
    }

    /**
     * This server is the only one that can use the database (an embedded H2 file) since
     * {@code started}: a deployment another instance claimed whose heartbeat is older was this
     * server's before a crash, and is recovered at once instead of after
     * {@link PipelineSettings#staleAfter()}.
     */
    public void soleServerSince(Instant started) {
        this.soleServerSince = Optional.of(started);
    }

    public ReconcilerCounts counts() {
        return new ReconcilerCounts(runs.get(), resumed.get(), failedInterrupted.get(), failedStuck.get(),
                orphansRemoved.get(), Optional.ofNullable(lastRunAt.get()), Optional.ofNullable(lastError.get()));
    }

    /** One pass; never throws (a failed pass is logged, counted and retried next time). */
    public synchronized void reconcile() {
        try {
            Instant now = clock.instant();
            for (Deployment d : store.working()) {
                if (running.contains(d.id())) {
                    failIfStuck(d, now);
                } else if (!instance.equals(d.claimedBy().orElse(null))) {
                    recoverIfAbandoned(d, now);
                } else {
                    recoverIfLostHere(d, now);
                }
            }
            // Asking every deployer what it runs is the leader's job, not every server's.
            if (leader.getAsBoolean()) {
                removeOrphans(now);
            }
            lastError.set(null);
        } catch (RuntimeException e) {
            LOG.warn("Reconciliation failed; retrying in {} s: {}", settings.reconcileEvery().toSeconds(), e.getMessage(), e);
            lastError.set(e.getMessage());
        } finally {
            runs.incrementAndGet();
            lastRunAt.set(clock.instant());
        }
    }

    private void failIfStuck(Deployment d, Instant now) {
        Duration limit = timeouts.of(d.appId()).of(d.phase()).plus(settings.stuckGrace());
        Instant since = d.phaseStartedAt().orElse(d.createdAt());
        if (since.plus(limit).isAfter(now)) {
            return;
        }
        String reason = "Stuck in " + d.phase() + ": no progress for " + Duration.between(since, now).toSeconds()
                + " s, past the phase's timeout. Check the extension's log lines above.";
        logs.append(d.id(), d.phase(), reason);
        if (transitions.transitionTo(d.id(), Change.failure(d.phase(), DeploymentPhase.FAILED, reason)).isPresent()) {
            failedStuck.incrementAndGet();
            running.get(d.id()).ifPresent(c -> c.cancel(StepCancellation.Reason.LOST));
            LOG.warn("Deployment {} failed: {}", d.id(), reason);
        }
    }

    private void recoverIfAbandoned(Deployment d, Instant now) {
        Instant staleBefore = now.minus(settings.staleAfter());
        if (soleServerSince.filter(staleBefore::isBefore).isPresent()) {
            staleBefore = soleServerSince.get();
        }
        if (!store.takeOver(d, instance, staleBefore, now)) {
            return; // its server is alive, or another server took it first
        }
        resumeOrFail(d);
    }

    /**
     * A deployment this server claimed but no longer runs: its run ended without a final phase,
     * e.g. the database was unreachable for its phase change and for the failure after it. The
     * heartbeat keeps it looking alive, so no other server would take it: resume or fail it here.
     * (A claim not yet handed to a worker is seconds old; the compare-and-set guards the rest.)
     */
    private void recoverIfLostHere(Deployment d, Instant now) {
        Instant since = d.phaseStartedAt().orElse(d.createdAt());
        if (since.plus(settings.heartbeat()).isAfter(now)) {
            return;
        }
        int taken = store.jdbi().withHandle(h -> h.createUpdate("UPDATE deployments SET resume_count = resume_count + 1 "
                        + "WHERE id = :id AND phase = :phase AND claimed_by = :me")
                .bind("id", d.id()).bind("phase", d.phase().name()).bind("me", instance).execute());
        if (taken == 1 && !running.contains(d.id())) {
            LOG.warn("Deployment {} was left in {} by a run that ended early (database unreachable?); recovering it",
                    d.id(), d.phase());
            resumeOrFail(d);
        }
    }

    private void resumeOrFail(Deployment d) {
        Optional<PipelineApp> app = apps.find(d.appId());
        if (app.isEmpty() || resumesSoFar(d) >= settings.maxResumes()) {
            String reason = "Interrupted by server restart during " + d.phase()
                    + (app.isEmpty() ? " (its app no longer exists)" : "") + ": deploy again.";
            app.ifPresent(a -> cleanUp(a, d));
            logs.append(d.id(), d.phase(), reason);
            if (transitions.transitionTo(d.id(), Change.failure(d.phase(), DeploymentPhase.FAILED, reason)).isPresent()) {
                failedInterrupted.incrementAndGet();
            }
            return;
        }
        DeploymentPhase from = resumePhase(d);
        if (from != d.phase() && transitions.transitionTo(d.id(), Change.of(d.phase(), from)).isEmpty()) {
            return;
        }
        logs.append(d.id(), from, RESUMING + from + RESUMED_AFTER + d.phase() + ".");
        resumed.incrementAndGet();
        LOG.info("Resuming deployment {} at {} (interrupted during {})", d.id(), from, d.phase());
        workers.runClaimed(d.id());
    }

    /**
     * How often {@code d} was resumed before: its row's count, or the resume lines of its log if
     * those are more. H2 can lose its last commits to a SIGKILL (a take-over shortly before a
     * second crash was seen lost); the log line, written before every resumed run, survives it, so
     * a crash loop still ends after {@link PipelineSettings#maxResumes()}.
     */
    private int resumesSoFar(Deployment d) {
        long logged = 0;
        try (java.util.stream.Stream<String> lines = Files.lines(logs.path(d.id()))) {
            logged = lines.filter(l -> l.contains(RESUMING) && l.contains(RESUMED_AFTER)).count();
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            LOG.debug("No readable log for deployment {}: {}", d.id(), e.getMessage());
        }
        return (int) Math.max(d.resumeCount(), logged);
    }

    /** The first phase whose input is recorded but whose output is not. */
    DeploymentPhase resumePhase(Deployment d) {
        boolean source = Files.isDirectory(engine.workspace(d.id()).resolve("source"));
        DeploymentPhase p = d.phase();
        if ((p == DeploymentPhase.HEALTH_CHECKING || p == DeploymentPhase.SWITCHING_TRAFFIC) && d.release().isPresent()) {
            return p;
        }
        if (p != DeploymentPhase.FETCHING_SOURCE && d.release().isPresent()) {
            return DeploymentPhase.HEALTH_CHECKING;
        }
        if (p != DeploymentPhase.FETCHING_SOURCE && d.artifact().isPresent()) {
            return DeploymentPhase.DEPLOYING;
        }
        if (p != DeploymentPhase.FETCHING_SOURCE && source && d.revision().isPresent()) {
            return DeploymentPhase.BUILDING;
        }
        return DeploymentPhase.FETCHING_SOURCE;
    }

    private void cleanUp(PipelineApp app, Deployment d) {
        try {
            retirer.retireAllOf(app, String.valueOf(d.id()), d.release());
            Workspaces.delete(engine.workspace(d.id()));
        } catch (RuntimeException e) {
            LOG.warn("Cleaning up after deployment {} failed; next pass retries: {}", d.id(), e.getMessage());
        }
    }

    private void removeOrphans(Instant now) {
        for (String name : apps.names()) {
            Optional<PipelineApp> app = apps.find(name);
            Optional<ChosenExtension> deployer = app.flatMap(a -> a.extension(ExtensionPointId.DEPLOYER));
            if (deployer.isEmpty()) {
                continue;
            }
            try {
                List<ActiveRelease> active = traffic.activeOf(app.get().id());
                for (Release r : retirer.list(deployer.get(), name)) {
                    if (isWanted(r, active, now)) {
                        continue;
                    }
                    if (retirer.retireUnlessActive(app.get(), r)) {
                        orphansRemoved.incrementAndGet();
                        LOG.info("Retired release {} of app {} (deployment {}): no deployment wants it", r.id(), name,
                                r.deploymentId());
                    }
                }
            } catch (RuntimeException e) {
                LOG.warn("Could not check the releases of app {}: {}", name, e.getMessage());
            }
        }
    }

    private boolean isWanted(Release r, List<ActiveRelease> active, Instant now) {
        for (ActiveRelease a : active) {
            if (a.release().id().equals(r.id())) {
                return true;
            }
            // The release traffic just left stays through its grace period.
            if (a.environment().equals(r.environment()) && a.switchedAt().plus(settings.retireGrace()).plusSeconds(5)
                    .isAfter(now)) {
                return true;
            }
        }
        long deploymentId;
        try {
            deploymentId = Long.parseLong(r.deploymentId());
        } catch (NumberFormatException e) {
            return true; // not labelled by this Slipway: leave it alone
        }
        return store.find(deploymentId).map(d -> !d.isFinal()).orElse(false);
    }
}
