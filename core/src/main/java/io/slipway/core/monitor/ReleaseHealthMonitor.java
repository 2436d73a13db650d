package io.slipway.core.monitor;

import io.slipway.core.monitor.internal.ReleaseHealthStore;
import io.slipway.core.monitor.internal.ReleaseProbe;
import io.slipway.core.notifications.NotificationDispatcher;
import io.slipway.core.notifications.NotificationEvent;
import io.slipway.core.pipeline.ActiveRelease;
import io.slipway.core.pipeline.ChosenExtension;
import io.slipway.core.pipeline.Deployment;
import io.slipway.core.pipeline.DeploymentService;
import io.slipway.core.pipeline.PipelineApp;
import io.slipway.core.pipeline.PipelineApps;
import io.slipway.core.pipeline.TrafficSwitch;
import io.slipway.core.plugins.ExtensionInvoker;
import io.slipway.plugin.api.ExtensionPointId;
import io.slipway.plugin.api.StepCancelledException;
import io.slipway.plugin.api.health.HealthResult;
import io.slipway.plugin.api.notify.DeploymentDetails;
import io.slipway.plugin.api.notify.DeploymentEvent;
import io.slipway.plugin.api.notify.DeploymentPhase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the releases that serve traffic after they went live: every interval, on one daemon
 * thread of its own, probes each active release once with its app's health checker. After
 * {@link MonitorSettings#failures()} failed probes in a row a healthy release becomes unhealthy
 * and one {@code health_degraded} event goes to the targets that subscribed to it; a later
 * healthy probe marks it healthy again (the notification model has no recovery event, so nothing
 * is sent). Apps without a health checker are not probed.
 *
 * <pre>{@code
 * ReleaseHealthMonitor m = new ReleaseHealthMonitor(...).start();
 * m.states(); // what release_health holds
 * }</pre>
 */
public final class ReleaseHealthMonitor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReleaseHealthMonitor.class);
    private static final String DEGRADED = NotificationEvent.HEALTH_DEGRADED.id();

    private final ReleaseHealthStore store;
    private final TrafficSwitch traffic;
    private final DeploymentService deployments;
    private final PipelineApps apps;
    private final ReleaseProbe probe;
    private final NotificationDispatcher dispatcher;
    private final MonitorSettings settings;
    private final Clock clock;
    private final String publicUrl;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "slipway-release-monitor");
        t.setDaemon(true);
        return t;
    });
    // Touched only on the monitor's thread.
    private final Map<String, Failures> failures = new HashMap<>();
    /** Only the cluster's leader probes, so several servers announce a degraded release once. */
    private final BooleanSupplier leader;
    private final Map<String, String> problems = new HashMap<>();

    /** Failed probes in a row of one release. */
    private record Failures(long deploymentId, int count) {
    }

    public ReleaseHealthMonitor(Jdbi jdbi, TrafficSwitch traffic, DeploymentService deployments, PipelineApps apps,
                                ExtensionInvoker calls, NotificationDispatcher dispatcher, MonitorSettings settings,
                                Clock clock, Path workspace, String publicUrl, BooleanSupplier leader) {
        this.leader = Objects.requireNonNull(leader, "leader");
        this.store = new ReleaseHealthStore(Objects.requireNonNull(jdbi, "jdbi"));
        this.traffic = Objects.requireNonNull(traffic, "traffic");
        this.deployments = Objects.requireNonNull(deployments, "deployments");
        this.apps = Objects.requireNonNull(apps, "apps");
        this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.probe = new ReleaseProbe(calls, workspace, settings.probeTimeout(), clock);
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    /** Schedules the rounds; the first one after one interval, so start-up is not slowed. */
    public ReleaseHealthMonitor start() {
        long every = settings.interval().toMillis();
        thread.scheduleWithFixedDelay(this::round, every, every, TimeUnit.MILLISECONDS);
        LOG.info("Release health monitor started: every {} ms, degraded after {} failed probe(s)", every,
                settings.failures());
        return this;
    }

    /** The stored health of every active release that has been probed. */
    public List<ReleaseHealth> states() {
        return store.all();
    }

    private void round() {
        if (!leader.getAsBoolean()) {
            return;
        }
        try {
            store.forgetInactive();
            Set<String> seen = new HashSet<>();
            for (long appId : store.appsWithActiveReleases()) {
                List<ActiveRelease> releases = traffic.activeOf(appId);
                releases.forEach(r -> seen.add(key(r)));
                apps.find(appId).ifPresent(app -> checkApp(app, releases));
            }
            failures.keySet().retainAll(seen);
            problems.keySet().removeIf(k -> !k.equals("") && !seen.contains(k));
            problem("", Optional.empty());
        } catch (StepCancelledException e) {
            LOG.debug("Release health round stopped: {}", e.getMessage());
        } catch (RuntimeException e) {
            problem("", Optional.of("a round of health probes failed: " + e.getMessage()));
        }
    }

    private void checkApp(PipelineApp app, List<ActiveRelease> releases) {
        Optional<ChosenExtension> checker = app.extension(ExtensionPointId.HEALTH);
        for (ActiveRelease r : releases) {
            String key = key(r);
            if (checker.isEmpty()) {
                failures.remove(key);
                problem(key, app.problem(ExtensionPointId.HEALTH).map(p -> "app " + app.name() + " ("
                        + r.environment() + ") is not probed: " + p));
                continue;
            }
            try {
                check(app, r, checker.get());
                problem(key, Optional.empty());
            } catch (StepCancelledException e) {
                throw e;
            } catch (RuntimeException e) {
                problem(key, Optional.of("probing app " + app.name() + " (" + r.environment() + ") failed: "
                        + e.getMessage()));
            }
        }
    }

    private void check(PipelineApp app, ActiveRelease r, ChosenExtension checker) {
        String key = key(r);
        ReleaseHealth stored = store.track(r.appId(), r.environment(), r.deploymentId(), r.switchedAt());
        HealthResult result = probe.probe(app.name(), r, checker);
        Instant now = clock.instant();
        if (result.healthy()) {
            failures.remove(key);
            if (!stored.healthy() && store.change(stored, true, result.detail(), now)) {
                LOG.info("App {} ({}) is healthy again, deployment {}: {}", app.name(), r.environment(),
                        r.deploymentId(), result.detail());
            }
            return;
        }
        Failures before = failures.get(key);
        int count = before == null || before.deploymentId() != r.deploymentId() ? 1 : before.count() + 1;
        failures.put(key, new Failures(r.deploymentId(), count));
        if (stored.healthy() && count >= settings.failures() && store.change(stored, false, result.detail(), now)) {
            LOG.warn("App {} ({}) became unhealthy after going live, deployment {}: {} ({} failed probes in a row)",
                    app.name(), r.environment(), r.deploymentId(), result.detail(), count);
            publishDegraded(app, r, result.detail(), now);
        }
    }

    private void publishDegraded(PipelineApp app, ActiveRelease r, String detail, Instant now) {
        if (!dispatcher.wants(app.id(), DEGRADED)) {
            return;
        }
        Optional<Deployment> d = deployments.find(r.deploymentId());
        DeploymentDetails details = new DeploymentDetails(DEGRADED, Optional.empty(),
                d.flatMap(Deployment::commitMessage), d.flatMap(Deployment::startedAt), Optional.empty(), List.of(),
                Map.of());
        dispatcher.publish(app.id(), new DeploymentEvent(String.valueOf(r.deploymentId()), app.name(), r.environment(),
                DeploymentPhase.ACTIVE, d.flatMap(Deployment::revision),
                d.map(Deployment::describeTrigger).orElse("health monitor"),
                publicUrl + "/deployments/" + r.deploymentId(), now, Optional.of(detail), details));
    }

    /** Logs a problem when it first appears or changes, and once when it is gone. */
    private void problem(String key, Optional<String> message) {
        String before = problems.get(key);
        if (message.isPresent() && !message.get().equals(before)) {
            LOG.warn("Release health monitor: {}", message.get());
            problems.put(key, message.get());
        } else if (message.isEmpty() && before != null) {
            LOG.info("Release health monitor: works again where {}", before);
            problems.remove(key);
        }
    }

    private static String key(ActiveRelease r) {
        return r.appId() + "/" + r.environment();
    }

    @Override
    public void close() {
        probe.cancel();
        thread.shutdownNow();
        try {
            if (!thread.awaitTermination(2, TimeUnit.SECONDS)) {
                LOG.warn("The release health monitor did not stop within 2 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
