package io.slipway.core.notifications;

import io.slipway.core.SlipwayException;
import io.slipway.core.apps.ExtensionChoices;
import io.slipway.core.apps.ResolvedExtension;
import io.slipway.core.notifications.internal.DeliveryLog;
import io.slipway.core.notifications.internal.DeliveryRunner;
import io.slipway.core.notifications.internal.TargetStore;
import io.slipway.core.plugins.ExtensionInvoker;
import io.slipway.core.plugins.ExtensionRegistry;
import io.slipway.plugin.api.ExtensionPointId;
import io.slipway.plugin.api.notify.DeploymentDetails;
import io.slipway.plugin.api.notify.DeploymentEvent;
import io.slipway.plugin.api.notify.DeploymentPhase;
import io.slipway.plugin.api.notify.Notifier;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends events to the notification targets that subscribed to them: the global targets and the
 * app's own. Returns at once; {@link DeliveryRunner} retries and records each delivery, and no
 * failure ever reaches the caller (the pipeline).
 *
 * <pre>{@code
 * if (dispatcher.wants(appId, "failed")) dispatcher.publish(appId, event);
 * }</pre>
 */
public final class NotificationDispatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NotificationDispatcher.class);

    private final TargetStore targets;
    private final DeliveryLog deliveries;
    private final DeliveryRunner runner;
    private final ExtensionRegistry registry;
    private final ExtensionChoices choices;
    private final ExtensionInvoker calls;
    private final NotificationSettings settings;
    private final Clock clock;
    private final String publicUrl;

    public NotificationDispatcher(TargetStore targets, DeliveryLog deliveries, ExtensionRegistry registry,
                                  ExtensionChoices choices, ExtensionInvoker calls, NotificationSettings settings,
                                  Clock clock, String publicUrl) {
        this.targets = Objects.requireNonNull(targets, "targets");
        this.deliveries = Objects.requireNonNull(deliveries, "deliveries");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.choices = Objects.requireNonNull(choices, "choices");
        this.calls = Objects.requireNonNull(calls, "calls");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        this.runner = new DeliveryRunner(settings, deliveries);
    }

    /** Whether any target of the app subscribed to {@code event}: events cost nothing when none did. */
    public boolean wants(long appId, String event) {
        return targets.forApp(appId).stream().anyMatch(t -> t.wants(event));
    }

    /** Queues {@code event} ({@code details().event()} names it) for every subscribed target. */
    public void publish(long appId, DeploymentEvent event) {
        Objects.requireNonNull(event, "event");
        List<NotificationTarget> subscribed = targets.forApp(appId).stream()
                .filter(t -> t.wants(event.details().event())).toList();
        for (NotificationTarget t : subscribed) {
            deliver(t, event, Optional.of(Long.parseLong(event.deploymentId())), settings.attempts());
        }
    }

    /**
     * Sends a test event to one target, tried once; the future completes with the delivery's
     * record once it was sent or failed.
     */
    public CompletableFuture<Delivery> sendTest(NotificationTarget target, String requestedBy) {
        DeploymentEvent test = new DeploymentEvent("test-" + clock.millis(), target.app().orElse("slipway"), "test",
                DeploymentPhase.ACTIVE, Optional.empty(), "test by " + requestedBy, publicUrl + "/notifications",
                clock.instant(), Optional.empty(), DeploymentDetails.only("test"));
        return deliver(target, test, Optional.empty(), 1).thenApply(id -> deliveries.find(id).orElseThrow());
    }

    /** Records and queues one delivery; the future completes with its id once it ended. */
    private CompletableFuture<Long> deliver(NotificationTarget t, DeploymentEvent event, Optional<Long> deploymentId, int attempts) {
        long id = deliveries.start(t.id(), t.name(), deploymentId, event.details().event(), event.phase().name());
        Optional<ResolvedExtension> notifier;
        try {
            notifier = resolve(t);
        } catch (SlipwayException e) {
            deliveries.record(id, "FAILED", 0, Optional.of(e.getMessage()));
            return CompletableFuture.completedFuture(id);
        }
        if (notifier.isEmpty()) {
            deliveries.record(id, "FAILED", 0, Optional.of("The notifier '" + t.notifier().type() + "' is not installed: "
                    + "install or enable the plugin that provides it, or edit the target."));
            return CompletableFuture.completedFuture(id);
        }
        ResolvedExtension n = notifier.get();
        String key = "t" + t.id() + ":" + event.deploymentId();
        return runner.submit(key, id, attempts, () -> calls.call(n.extension(), Notifier.class, x -> {
            x.notify(event, n.config());
            return null;
        })).thenApply(x -> id);
    }

    private Optional<ResolvedExtension> resolve(NotificationTarget t) {
        if (registry.find(ExtensionPointId.NOTIFIER, t.notifier().type()).isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(choices.resolve(t.name(), ExtensionPointId.NOTIFIER, t.notifier()));
        } catch (SlipwayException e) {
            LOG.warn("Notification target {} cannot be used: {}", t.id(), e.getMessage());
            throw e;
        }
    }

    @Override
    public void close() {
        runner.close();
    }
}
