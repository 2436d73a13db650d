package io.slipway.core.pipeline;

import io.slipway.core.InvalidInputException;
import io.slipway.core.NotFoundException;
import io.slipway.core.http.Page;
import io.slipway.core.http.PageRequest;
import io.slipway.core.pipeline.internal.DeploymentLogFiles;
import io.slipway.core.pipeline.internal.DeploymentStore;
import io.slipway.core.pipeline.internal.DeploymentStore.NewDeployment;
import io.slipway.core.pipeline.internal.DeploymentTransitions;
import io.slipway.core.pipeline.internal.DeploymentTransitions.Change;
import io.slipway.core.pipeline.internal.DeploymentWorkers;
import io.slipway.core.plugins.ExtensionInvoker;
import io.slipway.core.pipeline.internal.RunningDeployments;
import io.slipway.core.pipeline.internal.StepCancellation;
import io.slipway.plugin.api.ExtensionPointId;
import io.slipway.plugin.api.build.Artifact;
import io.slipway.plugin.api.deploy.Deployer;
import io.slipway.plugin.api.notify.DeploymentPhase;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/** Queues, redeploys, rolls back, cancels and reads deployments. */
public final class DeploymentService {
    private static final Pattern ENVIRONMENT = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    public static final String DEFAULT_ENVIRONMENT = "production";

    private final DeploymentStore store;
    private final DeploymentTransitions transitions;
    private final PipelineApps apps;
    private final DeploymentWorkers workers;
    private final RunningDeployments running;
    private final DeploymentLogFiles logs;
    private final ExtensionInvoker calls;
    private final Clock clock;

    public DeploymentService(DeploymentStore store, DeploymentTransitions transitions, PipelineApps apps,
                             DeploymentWorkers workers, RunningDeployments running, DeploymentLogFiles logs,
                             ExtensionInvoker calls, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.transitions = Objects.requireNonNull(transitions, "transitions");
        this.apps = Objects.requireNonNull(apps, "apps");
        this.workers = Objects.requireNonNull(workers, "workers");
        this.running = Objects.requireNonNull(running, "running");
        this.logs = Objects.requireNonNull(logs, "logs");
        this.calls = Objects.requireNonNull(calls, "calls");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Queues a deployment of {@code ref} (the source's default when empty).
     *
     * @throws NotFoundException when there is no such app
     * @throws InvalidInputException naming {@code environment} or {@code ref}
     */
    public Deployment queue(String app, Optional<String> ref, Optional<String> environment, String triggeredBy) {
        PipelineApp a = requireApp(app);
        String env = environment(environment);
        ref.ifPresent(DeploymentService::checkRef);
        return enqueue(new NewDeployment(a.id(), env, "manual", triggeredBy, ref.filter(r -> !r.isBlank()),
                Optional.empty(), Optional.empty(), Optional.empty()), "Queued by " + triggeredBy);
    }

    /**
     * Queues a deployment a source event asked for (a webhook): exactly {@code revision} of
     * {@code ref}, so the commit that was pushed is the one deployed.
     *
     * <p>Takes the app's id (the caller read it with the event's other data): resolving the whole
     * app here would cost more than the rest of a webhook delivery.
     *
     * @param trigger what started it ({@code webhook}), at most 32 characters
     * @throws InvalidInputException naming {@code environment} or {@code ref}
     */
    public Deployment queueTriggered(long appId, String environment, String ref, Optional<String> revision,
                                     String trigger, String triggeredBy) {
        NewDeployment n = triggered(appId, environment, ref, revision, trigger, triggeredBy);
        return enqueue(n, "Queued by " + n.triggeredBy());
    }

    /**
     * Inserts the deployment {@link #queueTriggered(long, String, String, Optional, String, String)}
     * queues, inside the caller's transaction (a webhook delivery writes its record in the same one),
     * but leaves superseding the older queued ones to the caller, once for all it queued: see
     * {@link #supersedeQueued}. Once the transaction committed, pass the result to {@link #announce}.
     */
    public Queued insertTriggered(org.jdbi.v3.core.Handle h, long appId, String appName, String environment,
                                  String ref, Optional<String> revision, String trigger, String triggeredBy) {
        NewDeployment n = triggered(appId, environment, ref, revision, trigger, triggeredBy);
        java.time.Instant now = clock.instant();
        long id = DeploymentStore.insert(h, n, now);
        return new Queued(DeploymentStore.asInserted(id, appName, n, now), List.of(), "Queued by " + n.triggeredBy());
    }

    private static NewDeployment triggered(long appId, String environment, String ref, Optional<String> revision,
                                           String trigger, String triggeredBy) {
        String env = environment(Optional.of(environment));
        checkRef(ref);
        revision.ifPresent(DeploymentService::checkRef);
        String by = triggeredBy.length() > 255 ? triggeredBy.substring(0, 255) : triggeredBy;
        return new NewDeployment(appId, env, trigger, by, Optional.of(ref), revision, Optional.empty(), Optional.empty());
    }

    /**
     * Supersedes every queued deployment of the app+environment but the newest, in the caller's
     * transaction; once it committed, pass the result to {@link #announceSuperseded}.
     */
    public SupersededDeployments supersedeQueued(org.jdbi.v3.core.Handle h, long appId, String environment) {
        return transitions.supersedeAllButNewest(h, appId, environment);
    }

    /** Writes the logs of the deployments {@link #supersedeQueued} changed and tells listeners. */
    public void announceSuperseded(SupersededDeployments superseded) {
        superseded.by().ifPresent(id -> {
            for (Deployment older : superseded.deployments()) {
                logs.append(older.id(), DeploymentPhase.QUEUED, "Superseded by deployment " + id + ".");
            }
        });
        transitions.announceSuperseded(superseded.deployments());
    }

    /**
     * Deploys again what serves now (or last went live): the same revision, re-using its artifact
     * when the deployer still has it, else fetching and building that exact revision.
     */
    public Deployment redeploy(String app, Optional<String> environment, String triggeredBy) {
        PipelineApp a = requireApp(app);
        String env = environment(environment);
        Deployment last = store.lastLive(a.id(), env).orElseThrow(() -> new io.slipway.core.ConflictException(
                "App '" + app + "' has never been live in '" + env + "': deploy it first (POST /api/v1/apps/" + app
                        + "/deployments)."));
        Optional<Artifact> artifact = last.artifact().filter(art -> artifactExists(a, art));
        return enqueue(new NewDeployment(a.id(), env, "redeploy", triggeredBy, last.ref(), last.revision(),
                Optional.of(last.id()), artifact), "Redeploy of deployment " + last.id() + " by " + triggeredBy
                + (artifact.isPresent() ? " (re-using " + artifact.get().reference() + ")" : " (artifact gone: rebuilding)"));
    }

    /**
     * Makes deployment {@code id}'s artifact live again as a new deployment: no fetch, no build.
     *
     * @param expectedApp when given, the app the deployment must belong to
     * @throws RollbackRefusedException when it belongs to another app, never went live, or its
     *         artifact is gone
     */
    public Deployment rollback(long id, Optional<String> expectedApp, String triggeredBy) {
        Deployment target = get(id);
        if (expectedApp.isPresent() && !expectedApp.get().equals(target.app())) {
            throw new RollbackRefusedException("Deployment " + id + " belongs to app '" + target.app() + "', not '"
                    + expectedApp.get() + "': pick one of '" + expectedApp.get() + "''s deployments.");
        }
        if (target.phase() != DeploymentPhase.ACTIVE || target.artifact().isEmpty()) {
            throw new RollbackRefusedException("Deployment " + id + " never went live (it ended " + target.phase()
                    + "): roll back to a deployment that was ACTIVE.");
        }
        PipelineApp a = requireApp(target.app());
        Artifact artifact = target.artifact().get();
        if (!artifactExists(a, artifact)) {
            throw new RollbackRefusedException("The artifact of deployment " + id + " (" + artifact.reference()
                    + ") is gone from the deployer: roll back to a newer deployment, or redeploy its revision "
                    + target.revision().orElse("") + " to build it again.");
        }
        return enqueue(new NewDeployment(a.id(), target.environment(), "rollback", triggeredBy, target.ref(),
                target.revision(), Optional.of(id), Optional.of(artifact)), "Rollback to deployment " + id + " by "
                + triggeredBy);
    }

    /**
     * Cancels a queued or running deployment; a running one stops promptly and removes what it
     * half-made.
     *
     * @throws DeploymentFinishedException when it already ended
     */
    public Deployment cancel(long id, String by) {
        Deployment d = get(id);
        if (d.phase() == DeploymentPhase.QUEUED) {
            logs.append(id, DeploymentPhase.QUEUED, "Cancel requested by " + by + ".");
            Optional<Deployment> cancelled = transitions.transitionTo(id, Change.failure(DeploymentPhase.QUEUED,
                    DeploymentPhase.CANCELLED, "Cancelled by " + by + " before it started."));
            if (cancelled.isPresent()) {
                return cancelled.get();
            }
            d = get(id); // claimed meanwhile: cancel the run instead
        }
        if (d.isFinal()) {
            throw new DeploymentFinishedException(d);
        }
        if (d.phase() != DeploymentPhase.QUEUED) {
            logs.append(id, d.phase(), "Cancel requested by " + by + ".");
        }
        store.requestCancel(id);
        running.get(id).ifPresent(c -> c.cancel(StepCancellation.Reason.USER));
        return get(id);
    }

    /** @throws NotFoundException when there is no such deployment */
    public Deployment get(long id) {
        return store.find(id).orElseThrow(() -> new NotFoundException("Deployment", String.valueOf(id)));
    }

    public Optional<Deployment> find(long id) {
        return store.find(id);
    }

    /** When each phase of deployment {@code id} began and ended. */
    public List<PhaseTiming> phaseTimings(long id) {
        return store.phaseTimings(id);
    }

    /** An app's deployments, newest first. */
    public Page<Deployment> list(String app, PageRequest page) {
        PipelineApp a = requireApp(app);
        Optional<Long> before = page.after().map(DeploymentService::cursor);
        List<Deployment> rows = store.listForApp(a.id(), page.limit() + 1, before);
        return Page.of(rows, page, d -> String.valueOf(d.id()));
    }

    /**
     * Inserts the deployment (read back once, never again) and supersedes the older queued ones of
     * its app+environment with one guarded UPDATE, in one transaction; then tells listeners and
     * writes the logs. Concurrent enqueues of the same app+environment do not wait on each other's
     * new row: the supersede only touches rows it saw committed as QUEUED.
     */
    private Deployment enqueue(NewDeployment n, String logLine) {
        return announce(store.jdbi().inTransaction(h -> insert(h, n, logLine)));
    }

    private Queued insert(org.jdbi.v3.core.Handle h, NewDeployment n, String logLine) {
        long id = DeploymentStore.insert(h, n, clock.instant());
        Deployment queued = DeploymentStore.find(h, id).orElseThrow(() -> new IllegalStateException(
                "Deployment " + id + " vanished after it was inserted"));
        return new Queued(queued, transitions.supersedeQueued(h, n.appId(), n.environment(), id), logLine);
    }

    /**
     * After the transaction that queued it committed: tells listeners, writes the logs of the new
     * deployment and of those it superseded, and wakes a worker.
     */
    public Deployment announce(Queued done) {
        long id = done.deployment().id();
        transitions.announceQueued(done.deployment());
        logs.append(id, DeploymentPhase.QUEUED, done.logLine() + ".");
        for (Deployment older : done.superseded()) {
            logs.append(older.id(), DeploymentPhase.QUEUED, "Superseded by deployment " + id + ".");
        }
        transitions.announceSuperseded(done.superseded());
        workers.wake();
        return done.deployment();
    }

    /** A deployment queued inside a transaction that has not committed yet: see {@link #announce}. */
    public record Queued(Deployment deployment, List<Deployment> superseded, String logLine) {
        public Queued {
            Objects.requireNonNull(deployment, "deployment");
            superseded = List.copyOf(superseded);
            Objects.requireNonNull(logLine, "logLine");
        }
    }

    private boolean artifactExists(PipelineApp app, Artifact artifact) {
        Optional<ChosenExtension> deployer = app.extension(ExtensionPointId.DEPLOYER);
        return deployer.isPresent() && calls.call(deployer.get().registered(), Deployer.class,
                d -> d.artifactExists(artifact, deployer.get().config()));
    }

    private PipelineApp requireApp(String app) {
        return apps.find(app).orElseThrow(() -> new NotFoundException("App", app));
    }

    private static String environment(Optional<String> environment) {
        String env = environment.filter(e -> !e.isBlank()).orElse(DEFAULT_ENVIRONMENT);
        if (!ENVIRONMENT.matcher(env).matches()) {
            throw InvalidInputException.field("environment", "must be a DNS label: lower-case letters, digits and "
                    + "'-', at most 63 characters");
        }
        return env;
    }

    private static void checkRef(String ref) {
        if (ref.length() > 255 || ref.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw InvalidInputException.field("ref", "must be a branch, tag or commit: at most 255 characters, no "
                    + "control characters");
        }
    }

    private static long cursor(String key) {
        try {
            return Long.parseLong(key);
        } catch (NumberFormatException e) {
            throw InvalidInputException.field("cursor", "is not a cursor this list gave out: start from the first page");
        }
    }
}
