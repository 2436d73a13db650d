package io.slipway.core.pipeline.internal;

import io.slipway.core.pipeline.ActiveRelease;
import io.slipway.core.pipeline.Deployment;
import io.slipway.core.pipeline.PhaseTimeoutStore;
import io.slipway.core.pipeline.PhaseTimeouts;
import io.slipway.core.pipeline.PipelineApp;
import io.slipway.core.pipeline.PipelineApps;
import io.slipway.core.pipeline.TrafficSwitch;
import io.slipway.core.pipeline.internal.DeploymentTransitions.Change;
import io.slipway.plugin.api.SlipwayPluginException;
import io.slipway.plugin.api.StepCancelledException;
import io.slipway.plugin.api.notify.DeploymentPhase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sequences the phases of one claimed deployment: enters each phase (persisted first), runs it
 * under its timeout, and ends the deployment ACTIVE, FAILED, CANCELLED or ROLLED_BACK, removing
 * what it half-made. The phases themselves are separate classes.
 */
public final class PipelineEngine {
    private static final Logger LOG = LoggerFactory.getLogger(PipelineEngine.class);

    private final DeploymentStore store;
    private final DeploymentTransitions transitions;
    private final PipelineApps apps;
    private final List<Phase> phases;
    private final DeploymentLogFiles logs;
    private final PhaseTimeoutStore timeouts;
    private final ReleaseRetirer retirer;
    private final TrafficSwitch traffic;
    private final ChildProcessRunner processes;
    private final Path workspaces;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;

    public PipelineEngine(DeploymentStore store, DeploymentTransitions transitions, PipelineApps apps, List<Phase> phases,
                          DeploymentLogFiles logs, PhaseTimeoutStore timeouts, ReleaseRetirer retirer,
                          TrafficSwitch traffic, Path workspaces, ScheduledExecutorService scheduler, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.transitions = Objects.requireNonNull(transitions, "transitions");
        this.apps = Objects.requireNonNull(apps, "apps");
        this.phases = List.copyOf(phases);
        this.logs = Objects.requireNonNull(logs, "logs");
        this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
        this.retirer = Objects.requireNonNull(retirer, "retirer");
        this.traffic = Objects.requireNonNull(traffic, "traffic");
        this.processes = new ChildProcessRunner(clock);
        this.workspaces = Objects.requireNonNull(workspaces, "workspaces");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Path workspace(long deploymentId) {
        return workspaces.resolve(String.valueOf(deploymentId));
    }

    /** Runs a deployment this server has claimed; it is in the working phase to start with. */
    public void run(long id, StepCancellation cancellation) {
        Deployment d = store.find(id).orElseThrow(() -> new IllegalStateException("deployment " + id + " vanished"));
        Optional<PipelineApp> found = apps.find(d.appId(), d.environment());
        if (found.isEmpty()) {
            transitions.transitionTo(id, Change.failure(d.phase(), DeploymentPhase.FAILED,
                    "App '" + d.app() + "' no longer exists."));
            return;
        }
        PipelineApp app = found.get();
        PhaseTimeouts limits = timeouts.of(app.id());
        DeploymentPhase current = d.phase();
        Optional<ActiveRelease> beforeSwitch = Optional.empty();
        boolean switched = false;
        try (DeploymentLogFiles.Writer log = logs.open(id, new SecretMasker(app.secretValues()))) {
            try {
                Deployment now = d;
                for (Phase phase : phases.subList(indexOf(current), phases.size())) {
                    if (phase.phase() != current) {
                        // The row as the phase change left it carries what earlier phases recorded.
                        now = enter(id, current, phase.phase(), cancellation);
                        current = phase.phase();
                    }
                    cancellation.throwIfCancelled();
                    if (phase.phase() == DeploymentPhase.SWITCHING_TRAFFIC) {
                        beforeSwitch = traffic.active(app.id(), d.environment());
                        switched = true;
                    }
                    runPhase(phase, now, app, log, cancellation, limits.of(phase.phase()));
                }
                deleteWorkspace(id);
                // Written before the phase change: a log stream ends with the change, after its last line.
                log.line(DeploymentPhase.ACTIVE, "Deployment " + id + " is live.");
                if (transitions.transitionTo(id, Change.of(current, DeploymentPhase.ACTIVE)).isEmpty()) {
                    // Someone ended it while it switched (the reconciler): traffic goes back.
                    traffic.restore(app.id(), d.environment(), id, beforeSwitch.filter(p -> p.deploymentId() != id));
                    return;
                }
                LOG.info("Deployment {} of app {} ({}) is live", id, app.name(), d.environment());
            } catch (RuntimeException | LinkageError e) {
                end(d, app, current, cancellation, e, log, switched, beforeSwitch, limits);
            }
        } finally {
            deleteWorkspace(id);
        }
    }

    private Deployment enter(long id, DeploymentPhase from, DeploymentPhase to, StepCancellation cancellation) {
        Optional<Deployment> entered = transitions.transitionTo(id, Change.of(from, to));
        if (entered.isEmpty()) {
            // It was ended elsewhere (failed as stuck by the reconciler, taken over by another server).
            cancellation.cancel(StepCancellation.Reason.LOST);
            throw new StepCancelledException("Deployment " + id + " was ended elsewhere while it was " + from);
        }
        return entered.get();
    }

    private void runPhase(Phase phase, Deployment d, PipelineApp app, DeploymentLogFiles.Writer log,
                          StepCancellation cancellation, Duration timeout) {
        Instant deadline = clock.instant().plus(timeout);
        PipelineStepContext step = new PipelineStepContext(String.valueOf(d.id()), app.name(), d.environment(),
                workspace(d.id()), text -> log.line(phase.phase(), text), cancellation, deadline, processes);
        log.line(phase.phase(), "== " + phase.phase() + " (timeout " + describe(timeout) + ")");
        ScheduledFuture<?> watchdog = scheduler.schedule(() -> cancellation.cancel(StepCancellation.Reason.TIMEOUT),
                timeout.toMillis(), TimeUnit.MILLISECONDS);
        try {
            phase.run(new PhaseRun(d, app, step));
        } finally {
            watchdog.cancel(false);
        }
        // A step that ignored the signal and returned late still counts as cancelled or timed out.
        cancellation.throwIfCancelled();
    }

    private void end(Deployment d, PipelineApp app, DeploymentPhase at, StepCancellation cancellation, Throwable cause,
                     DeploymentLogFiles.Writer log, boolean switched, Optional<ActiveRelease> beforeSwitch,
                     PhaseTimeouts limits) {
        long id = d.id();
        Optional<StepCancellation.Reason> reason = cancellation.reason();
        DeploymentPhase end;
        String error;
        if (reason.filter(r -> r == StepCancellation.Reason.TIMEOUT).isPresent()) {
            end = DeploymentPhase.FAILED;
            error = at + " timed out after " + describe(limits.of(at)) + ": raise the app's " + at.name().toLowerCase()
                    + " timeout (PUT /api/v1/apps/" + app.name() + "/timeouts) or find what hangs in the log.";
        } else if (reason.isPresent() || cause instanceof StepCancelledException) {
            end = DeploymentPhase.CANCELLED;
            error = "Cancelled during " + at + ".";
        } else {
            end = DeploymentPhase.FAILED;
            error = at + " failed: " + message(cause);
            if (!(cause instanceof SlipwayPluginException)) {
                LOG.warn("Deployment {} failed in {}", id, at, cause);
            }
        }
        log.line(at, error);
        boolean lost = reason.filter(r -> r == StepCancellation.Reason.LOST).isPresent();
        boolean rolledBack = false;
        if (switched && !lost) {
            traffic.restore(app.id(), d.environment(), id, beforeSwitch.filter(p -> p.deploymentId() != id));
            rolledBack = traffic.active(app.id(), d.environment()).map(a -> a.deploymentId() != id).orElse(true);
            log.line(at, "Traffic switched back to the previous release.");
        }
        Optional<Deployment> now = store.find(id);
        if (lost && now.filter(Deployment::isFinal).isEmpty()) {
            return; // another server took it over and runs it now: what it started is its own
        }
        try {
            retirer.retireAllOf(app, String.valueOf(id), now.flatMap(Deployment::release))
                    .forEach(r -> log.line(at, "Retired release " + r.id() + "; the previous release keeps serving."));
        } catch (RuntimeException e) {
            log.line(at, "Could not retire this deployment's release yet (" + message(e)
                    + "); the reconciler will retry.");
        }
        deleteWorkspace(id);
        if (!lost) {
            DeploymentPhase finalPhase = rolledBack && end == DeploymentPhase.FAILED ? DeploymentPhase.ROLLED_BACK : end;
            transitions.transitionTo(id, Change.failure(at, finalPhase, error));
            LOG.info("Deployment {} of app {} ({}) ended {}: {}", id, app.name(), d.environment(), finalPhase, error);
        }
    }

    private void deleteWorkspace(long id) {
        try {
            Workspaces.delete(workspace(id));
        } catch (RuntimeException e) {
            LOG.warn("Could not delete the workspace of deployment {}: {}", id, e.getMessage());
        }
    }

    private int indexOf(DeploymentPhase phase) {
        for (int i = 0; i < phases.size(); i++) {
            if (phases.get(i).phase() == phase) {
                return i;
            }
        }
        throw new IllegalStateException("no phase " + phase);
    }

    static String message(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    static String describe(Duration d) {
        return d.toSeconds() >= 60 && d.toSeconds() % 60 == 0 ? d.toMinutes() + " min" : d.toMillis() >= 1000
                ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
