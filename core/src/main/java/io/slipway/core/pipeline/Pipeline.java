package io.slipway.core.pipeline;

import io.slipway.core.config.SlipwayConfig;
import io.slipway.core.notifications.NotificationDispatcher;
import io.slipway.core.plugins.ExtensionInvoker;
import io.slipway.core.plugins.ExtensionRegistry;
import io.slipway.core.pipeline.internal.DeploymentLogFiles;
import io.slipway.core.pipeline.internal.DeploymentNotifications;
import io.slipway.core.pipeline.internal.DeploymentStore;
import io.slipway.core.pipeline.internal.DeploymentTransitions;
import io.slipway.core.pipeline.internal.DeploymentWorkers;
import io.slipway.core.pipeline.internal.LiveLogHub;
import io.slipway.core.pipeline.internal.PipelineEngine;
import io.slipway.core.pipeline.internal.Reconciler;
import io.slipway.core.pipeline.internal.ReleaseRetirer;
import io.slipway.core.pipeline.internal.RunningDeployments;
import io.slipway.core.pipeline.internal.StepCancellation;
import io.slipway.core.pipeline.internal.phases.BuildPhase;
import io.slipway.core.pipeline.internal.phases.DeployPhase;
import io.slipway.core.pipeline.internal.phases.FetchSourcePhase;
import io.slipway.core.pipeline.internal.phases.HealthCheckPhase;
import io.slipway.core.pipeline.internal.phases.SwitchTrafficPhase;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deployment pipeline of one server: the queue's workers, the engine and its phases, the
 * reconciler, logs and notifications. Built once by the composition root; closing it stops the
 * workers (deployments they ran are resumed by whichever server starts next).
 */
public final class Pipeline implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

    private final String instance = UUID.randomUUID().toString();
    private final PipelineSettings settings;
    private final ScheduledExecutorService scheduler;
    private final DeploymentStore store;
    private final RunningDeployments running = new RunningDeployments();
    private final DeploymentWorkers workers;
    private final Reconciler reconciler;
    private final DeploymentService deployments;
    private final DeploymentLogs logs;
    private final PhaseTimeoutStore timeouts;
    private final TrafficSwitch traffic;
    private final DeploymentNotifications notifications;
    private final ExecutorService logReaders;
    private final Clock clock;
    private final PipelineApps apps;
    private final ReleaseRetirer retirer;
    private final DeploymentTransitions transitions;

    public Pipeline(SlipwayConfig config, Jdbi jdbi, PipelineApps apps, ExtensionRegistry registry,
                    ExtensionInvoker calls, NotificationDispatcher targets, PipelineSettings settings, Clock clock) {
        Objects.requireNonNull(config, "config");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.apps = Objects.requireNonNull(apps, "apps");
        AtomicInteger n = new AtomicInteger();
        this.scheduler = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "slipway-pipeline-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.store = new DeploymentStore(jdbi);
        this.transitions = new DeploymentTransitions(jdbi, clock);
        LiveLogHub hub = new LiveLogHub();
        DeploymentLogFiles logFiles = new DeploymentLogFiles(config.logsDir(), clock, hub);
        this.timeouts = new PhaseTimeoutStore(jdbi);
        this.traffic = new TrafficSwitch(jdbi, clock);
        this.retirer = new ReleaseRetirer(traffic, calls, scheduler);
        PipelineEngine engine = new PipelineEngine(store, transitions, apps, List.of(
                new FetchSourcePhase(store, calls), new BuildPhase(store, calls), new DeployPhase(store, calls, retirer),
                new HealthCheckPhase(calls), new SwitchTrafficPhase(traffic, retirer, settings.retireGrace())),
                logFiles, timeouts, retirer, traffic, config.workspacesDir(), scheduler, clock);
        this.workers = new DeploymentWorkers(store, transitions, engine, running, instance, config.workers(),
                settings.poll());
        this.reconciler = new Reconciler(store, transitions, apps, timeouts, traffic, retirer, running, logFiles, engine,
                settings, instance, clock);
        reconciler.resumeWith(workers);
        String db = config.dbUrl().toUpperCase(java.util.Locale.ROOT);
        if (db.startsWith("JDBC:H2:FILE:") && !db.contains("AUTO_SERVER=TRUE")) {
            // H2 locks its file to one process: what another instance claimed was this server's before a crash.
            reconciler.soleServerSince(clock.instant());
        }
        this.notifications = new DeploymentNotifications(jdbi, apps, registry, targets, logFiles, calls, settings,
                clock, config.publicUrl(), io.slipway.core.previews.EnvironmentUrls.of(config));
        transitions.onTransition(d -> hub.changed(d.id()));
        transitions.onTransition(notifications::phaseChanged);
        this.deployments = new DeploymentService(store, transitions, apps, workers, running, logFiles, calls, clock);
        this.logReaders = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "slipway-log-follow-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.logs = new DeploymentLogs(logFiles, store, hub, logReaders, scheduler);
    }

    /**
     * Starts the workers and the reconciler. Its first pass (resuming what a crash interrupted)
     * runs at once in the background, so asking deployers what they run never slows start-up.
     */
    public Pipeline start() {
        workers.start();
        long every = settings.reconcileEvery().toMillis();
        scheduler.scheduleWithFixedDelay(reconciler::reconcile, 0, every, TimeUnit.MILLISECONDS);
        long beat = settings.heartbeat().toMillis();
        scheduler.scheduleWithFixedDelay(this::heartbeat, beat, beat, TimeUnit.MILLISECONDS);
        LOG.info("Deployment pipeline started: {} worker(s), instance {}", workers.size(), instance);
        return this;
    }

    private void heartbeat() {
        try {
            store.heartbeat(instance, clock.instant());
            // Cancels asked for on another server reach the run here.
            for (long id : store.cancelRequested(instance)) {
                running.get(id).ifPresent(c -> c.cancel(StepCancellation.Reason.USER));
            }
        } catch (RuntimeException e) {
            LOG.warn("Pipeline heartbeat failed: {}", e.getMessage());
        }
    }

    public DeploymentService deployments() {
        return deployments;
    }

    public DeploymentLogs logs() {
        return logs;
    }

    public PhaseTimeoutStore timeouts() {
        return timeouts;
    }

    public TrafficSwitch traffic() {
        return traffic;
    }

    /** Deliveries of a deployment's events to notifiers and commit-status publishers. */
    public List<NotificationRecord> notifications(long deploymentId) {
        return notifications.of(deploymentId);
    }

    /**
     * Before an app is deleted: cancels its unfinished deployments and retires every release its
     * deployer runs for it (the reconciler never looks at an app that no longer exists).
     */
    public void appDeleted(String app) {
        apps.find(app).ifPresent(a -> {
            for (Deployment d : store.working()) {
                if (d.appId() == a.id()) {
                    deployments.cancel(d.id(), "deletion of app " + app);
                }
            }
            traffic.withdraw(a.id());
            retirer.retireEverything(a);
        });
    }

    /**
     * Takes one environment of an app away (a closed pull request's preview): cancels its
     * unfinished deployments, takes it off the router and retires every release the deployer runs
     * in it. The app's other environments are untouched.
     */
    public void removeEnvironment(String app, String environment) {
        apps.find(app).ifPresent(a -> {
            for (Deployment d : store.working()) {
                if (d.appId() == a.id() && d.environment().equals(environment)) {
                    deployments.cancel(d.id(), "removal of environment " + environment);
                }
            }
            traffic.withdraw(a.id(), environment);
            retirer.retireEnvironment(a, environment);
        });
    }

    /** Runs {@code listener} after every committed phase change of any deployment (and on queueing). */
    public void onPhaseChange(java.util.function.Consumer<Deployment> listener) {
        transitions.onTransition(listener);
    }

    /**
     * Makes cluster-wide chores (removing orphan releases) wait for leadership; set before
     * {@link #start()}. Without it this server does them all (a single server on H2).
     */
    public void leadership(java.util.function.BooleanSupplier isLeader) {
        reconciler.removeOrphansOnlyWhen(isLeader);
    }

    /** Runs the reconciler now (tests, the status page's button). */
    public ReconcilerCounts reconcileNow() {
        reconciler.reconcile();
        return reconciler.counts();
    }

    public PipelineStatus status() {
        return new PipelineStatus(instance, workers.size(), running.size(), store.queuedCount(), reconciler.counts());
    }

    @Override
    public void close() {
        workers.close();
        notifications.close();
        scheduler.shutdownNow();
        logReaders.shutdownNow();
    }
}
