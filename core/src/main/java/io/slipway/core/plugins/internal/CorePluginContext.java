package io.slipway.core.plugins.internal;

import io.slipway.plugin.api.PluginContext;
import io.slipway.plugin.api.SecretStore;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The context one plugin's extensions receive; holds nothing of the plugin itself.
 *
 * @param http the server's shared client, made on first use
 * @param policies the administrator's switched-on policies (core.settings.ServerSettings#allows)
 */
record CorePluginContext(String pluginId, String pluginVersion, String slipwayVersion, Path dataDir,
                         SecretStore secrets, Supplier<HttpClient> http, Clock clock, Predicate<String> policies)
        implements PluginContext {
    CorePluginContext {
        Objects.requireNonNull(pluginId, "pluginId");
        Objects.requireNonNull(pluginVersion, "pluginVersion");
        Objects.requireNonNull(slipwayVersion, "slipwayVersion");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(secrets, "secrets");
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(policies, "policies");
    }

    @Override
    public HttpClient httpClient() {
        return http.get();
    }

    @Override
    public boolean adminAllows(String policy) {
        return policy != null && policies.test(policy);
    }
}
