package io.slipway.core.webhooks;

import io.slipway.core.apps.AppChanges;
import io.slipway.core.config.SlipwayConfig;
import io.slipway.core.notifications.NotificationDispatcher;
import io.slipway.core.pipeline.Pipeline;
import io.slipway.core.pipeline.PipelineApps;
import io.slipway.core.plugins.ExtensionInvoker;
import io.slipway.core.plugins.ExtensionRegistry;
import io.slipway.core.previews.PreviewService;
import io.slipway.core.router.RouteHosts;
import io.slipway.core.rules.RuleService;
import io.slipway.core.rules.SourceApps;
import io.slipway.core.secrets.SecretCipher;
import java.time.Clock;
import java.util.Map;
import java.util.function.Consumer;
import org.jdbi.v3.core.Jdbi;

/** Wires webhook intake, deployment rules and previews; the composition root calls {@link #start} once. */
public final class WebhookServices {
    private WebhookServices() {
    }

    /** @param closing registers what must be closed with the core */
    public static Map<Class<?>, Object> start(SlipwayConfig config, Jdbi jdbi, Pipeline pipeline, PipelineApps apps,
                                              NotificationDispatcher notifications, ExtensionRegistry registry,
                                              ExtensionInvoker calls, SecretCipher cipher, AppChanges changes,
                                              Clock clock, Consumer<AutoCloseable> closing) {
        SourceApps sources = new SourceApps(jdbi);
        RouteHosts hosts = new RouteHosts(config.baseDomain());
        RuleService rules = new RuleService(jdbi, sources, hosts, clock, changes);
        WebhookSecretService secrets = new WebhookSecretService(jdbi, sources, cipher, clock, changes);
        PreviewService previews = new PreviewService(jdbi, pipeline, apps, notifications, registry, calls,
                io.slipway.core.previews.EnvironmentUrls.of(config), clock,
                config.publicUrl());
        closing.accept(previews);
        io.slipway.core.previews.PreviewSweeper sweeper = new io.slipway.core.previews.PreviewSweeper(sources, rules,
                previews).start(java.time.Duration.ofHours(1));
        closing.accept(sweeper);
        WebhookIntake intake = new WebhookIntake(registry, calls, new HookApps(jdbi, sources, rules, cipher, changes),
                cipher, jdbi, pipeline.deployments(), previews, clock);
        closing.accept(intake);
        DeliveryService deliveries = new DeliveryService(jdbi, intake);
        return Map.of(DeliveryService.class, deliveries, RuleService.class, rules, WebhookSecretService.class, secrets, PreviewService.class, previews,
                WebhookIntake.class, intake, io.slipway.core.previews.PreviewSweeper.class, sweeper);
    }
}
