package io.slipway.core.plugins.internal;

import io.slipway.plugin.api.PluginContext;
import io.slipway.plugin.api.SecretStore;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The context one plugin's extensions receive; holds nothing of the plugin itself.
 *
 * @param http the server's shared client, made on first use
 */
record CorePluginContext(String pluginId, String pluginVersion, String slipwayVersion, Path dataDir,
                         SecretStore secrets, Supplier<HttpClient> http, Clock clock) implements PluginContext {
    CorePluginContext {
        Objects.requireNonNull(pluginId, "pluginId");
        Objects.requireNonNull(pluginVersion, "pluginVersion");
        Objects.requireNonNull(slipwayVersion, "slipwayVersion");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(secrets, "secrets");
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(clock, "clock");
    }

    @Override
    public HttpClient httpClient() {
        return http.get();
    }
}
