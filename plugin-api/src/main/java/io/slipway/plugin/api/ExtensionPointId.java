package io.slipway.plugin.api;

import io.slipway.plugin.api.build.Builder;
import io.slipway.plugin.api.deploy.Deployer;
import io.slipway.plugin.api.health.HealthChecker;
import io.slipway.plugin.api.notify.Notifier;
import io.slipway.plugin.api.source.CommitStatusPublisher;
import io.slipway.plugin.api.source.SourceProvider;
import io.slipway.plugin.api.source.WebhookReceiver;
import java.util.Arrays;
import java.util.Optional;

/**
 * The extension points and the ids the REST API and configuration use for them
 * ({@code /api/v1/extensions?point=builder}).
 *
 * <pre>{@code
 * ExtensionPointId point = ExtensionPointId.fromId("builder").orElseThrow();
 * Class<? extends SlipwayExtension> type = point.type(); // Builder.class
 * }</pre>
 */
public enum ExtensionPointId {
    SOURCE("source", SourceProvider.class),
    WEBHOOK("webhook", WebhookReceiver.class),
    STATUS("status", CommitStatusPublisher.class),
    BUILDER("builder", Builder.class),
    DEPLOYER("deployer", Deployer.class),
    HEALTH("health", HealthChecker.class),
    NOTIFIER("notifier", Notifier.class);

    private final String id;
    private final Class<? extends SlipwayExtension> type;

    ExtensionPointId(String id, Class<? extends SlipwayExtension> type) {
        this.id = id;
        this.type = type;
    }

    public String id() {
        return id;
    }

    public Class<? extends SlipwayExtension> type() {
        return type;
    }

    public static Optional<ExtensionPointId> fromId(String id) {
        return Arrays.stream(values()).filter(p -> p.id.equals(id)).findFirst();
    }
}
