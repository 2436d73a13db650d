package io.slipway.plugins.slack;

import io.slipway.plugin.api.PluginContext;
import io.slipway.plugin.api.SecretStore;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The smallest PluginContext: a temp data folder, an in-memory secret store, a plain HTTP client,
 * and an administrator who allows plain-http URLs (the fake Slack listens on http://127.0.0.1).
 */
record TestPluginContext(Path dataDir) implements PluginContext {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Override
    public String pluginId() {
        return "slack";
    }

    @Override
    public String pluginVersion() {
        return "0.1.0-SNAPSHOT";
    }

    @Override
    public String slipwayVersion() {
        return "0.1.0-SNAPSHOT";
    }

    @Override
    public SecretStore secrets() {
        Map<String, String> values = new ConcurrentHashMap<>();
        return new SecretStore() {
            public Optional<String> get(String key) {
                return Optional.ofNullable(values.get(key));
            }

            public void put(String key, String value) {
                values.put(key, value);
            }

            public void remove(String key) {
                values.remove(key);
            }
        };
    }

    @Override
    public HttpClient httpClient() {
        return HTTP;
    }

    @Override
    public boolean adminAllows(String policy) {
        return SlackSettings.ALLOW_HTTP.equals(policy);
    }

    @Override
    public Clock clock() {
        return Clock.systemUTC();
    }
}
