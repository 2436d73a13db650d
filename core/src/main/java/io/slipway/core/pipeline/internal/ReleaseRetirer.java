package io.slipway.core.pipeline.internal;

import io.slipway.core.pipeline.ChosenExtension;
import io.slipway.core.pipeline.PipelineApp;
import io.slipway.core.pipeline.TrafficSwitch;
import io.slipway.core.plugins.ExtensionInvoker;
import io.slipway.plugin.api.ExtensionPointId;
import io.slipway.plugin.api.deploy.Deployer;
import io.slipway.plugin.api.deploy.Release;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops releases nobody wants: the previous one after traffic left it (after a grace period, so
 * requests in flight finish), and what a failed or cancelled deployment started. A release that
 * serves traffic is never retired. After a crash, the reconciler finds what was missed.
 */
public final class ReleaseRetirer {
    private static final Logger LOG = LoggerFactory.getLogger(ReleaseRetirer.class);

    private final TrafficSwitch traffic;
    private final ExtensionInvoker calls;
    private final ScheduledExecutorService scheduler;

    public ReleaseRetirer(TrafficSwitch traffic, ExtensionInvoker calls, ScheduledExecutorService scheduler) {
        this.traffic = Objects.requireNonNull(traffic, "traffic");
        this.calls = Objects.requireNonNull(calls, "calls");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    }

    /** Retires {@code release} after {@code grace}, unless it serves again by then. */
    public void retireLater(PipelineApp app, Release release, Duration grace) {
        scheduler.schedule(() -> {
            try {
                retireUnlessActive(app, release);
            } catch (RuntimeException e) {
                LOG.warn("Retiring release {} of app {} failed; the reconciler will retry: {}", release.id(), app.name(),
                        e.getMessage());
            }
        }, grace.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** @return whether it was retired */
    public boolean retireUnlessActive(PipelineApp app, Release release) {
        Optional<ChosenExtension> deployer = app.extension(ExtensionPointId.DEPLOYER);
        if (deployer.isEmpty() || isActive(app, release)) {
            return false;
        }
        calls.call(deployer.get().registered(), Deployer.class, d -> {
            d.retire(release, deployer.get().config());
            return null;
        });
        return true;
    }

    /**
     * Retires what deployment {@code deploymentId} started: its recorded release and any release
     * the deployer runs with its label (an attempt interrupted before it recorded one).
     */
    public List<Release> retireAllOf(PipelineApp app, String deploymentId, Optional<Release> recorded) {
        List<Release> retired = new ArrayList<>();
        Optional<ChosenExtension> deployer = app.extension(ExtensionPointId.DEPLOYER);
        if (deployer.isEmpty()) {
            return retired;
        }
        List<Release> candidates = new ArrayList<>(recorded.stream().toList());
        for (Release r : list(deployer.get(), app.name())) {
            if (r.deploymentId().equals(deploymentId) && candidates.stream().noneMatch(c -> c.id().equals(r.id()))) {
                candidates.add(r);
            }
        }
        for (Release r : candidates) {
            if (retireUnlessActive(app, r)) {
                retired.add(r);
            }
        }
        return retired;
    }

    /** Retires every release the app's deployer runs for it, serving or not (the app is going away). */
    public void retireEverything(PipelineApp app) {
        Optional<ChosenExtension> deployer = app.extension(ExtensionPointId.DEPLOYER);
        if (deployer.isEmpty()) {
            return;
        }
        for (Release r : list(deployer.get(), app.name())) {
            calls.call(deployer.get().registered(), Deployer.class, d -> {
                d.retire(r, deployer.get().config());
                return null;
            });
        }
        calls.call(deployer.get().registered(), Deployer.class, d -> {
            d.removeApp(app.name(), deployer.get().config());
            return null;
        });
    }

    /** Retires every release the app's deployer runs in {@code environment}, serving or not. */
    public void retireEnvironment(PipelineApp app, String environment) {
        Optional<ChosenExtension> deployer = app.extension(ExtensionPointId.DEPLOYER);
        if (deployer.isEmpty()) {
            return;
        }
        for (Release r : list(deployer.get(), app.name())) {
            if (r.environment().equals(environment)) {
                calls.call(deployer.get().registered(), Deployer.class, d -> {
                    d.retire(r, deployer.get().config());
                    return null;
                });
            }
        }
    }

    /** What the app's deployer runs for it, in all environments. */
    public List<Release> list(ChosenExtension deployer, String app) {
        return calls.call(deployer.registered(), Deployer.class, d -> d.list(app, deployer.config()));
    }

    private boolean isActive(PipelineApp app, Release release) {
        return traffic.active(app.id(), release.environment())
                .map(a -> a.release().id().equals(release.id()))
                .orElse(false);
    }
}
