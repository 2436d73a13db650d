package io.slipway.core.notifications.builtin;

import io.slipway.core.plugins.ExtensionRegistry;
import io.slipway.core.plugins.RegisteredExtension;
import io.slipway.plugin.api.ExtensionPointId;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/** The notifiers built into the core, registered under {@link ExtensionRegistry#CORE}. */
public final class BuiltinNotifiers {
    private BuiltinNotifiers() {
    }

    /** @param policies the administrator's policies ({@code notifications.allowHttp}), asked on every check */
    public static List<RegisteredExtension> extensions(Predicate<String> policies) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        return List.of(new RegisteredExtension(ExtensionPointId.NOTIFIER, ExtensionRegistry.CORE,
                new WebhookNotifier(http, policies)));
    }
}
