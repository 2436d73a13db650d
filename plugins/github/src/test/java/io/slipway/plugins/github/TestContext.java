package io.slipway.plugins.github;

import io.slipway.plugin.api.PluginContext;
import io.slipway.plugin.api.SecretStore;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A PluginContext for tests: a temp data folder, an in-memory secret store, a clock the test moves
 * and admin policies the test allows.
 */
final class TestContext implements PluginContext {
    private final Path dataDir;
    private final Map<String, String> secrets = new ConcurrentHashMap<>();
    private final java.util.Set<String> allowed = ConcurrentHashMap.newKeySet();
    private volatile Instant now;

    TestContext(Path dataDir, Instant start) {
        this.dataDir = dataDir;
        this.now = start;
    }

    void advance(Duration duration) {
        now = now.plus(duration);
    }

    void allow(String policy) {
        allowed.add(policy);
    }

    @Override
    public boolean adminAllows(String policy) {
        return allowed.contains(policy);
    }

    @Override
    public String pluginId() {
        return "github";
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
    public Path dataDir() {
        return dataDir;
    }

    @Override
    public SecretStore secrets() {
        return new SecretStore() {
            public Optional<String> get(String key) {
                return Optional.ofNullable(secrets.get(key));
            }

            public void put(String key, String value) {
                secrets.put(key, value);
            }

            public void remove(String key) {
                secrets.remove(key);
            }
        };
    }

    @Override
    public HttpClient httpClient() {
        return HttpClient.newHttpClient();
    }

    @Override
    public Clock clock() {
        return new Clock() {
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            public Clock withZone(ZoneId zone) {
                return this;
            }

            public Instant instant() {
                return now;
            }
        };
    }
}
