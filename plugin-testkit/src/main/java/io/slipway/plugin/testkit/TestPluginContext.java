package io.slipway.plugin.testkit;

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
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link PluginContext} Slipway would give, for calling an extension directly in its tests: a
 * data folder the test chooses, an in-memory secret store, a plain HTTP client, a clock that stands
 * still until the test moves it (or the system clock), and the admin policies the test allows.
 *
 * <pre>{@code
 * TestPluginContext context = new TestPluginContext("github", tempDir)
 *         .startingAt(Instant.parse("2030-01-01T00:00:00Z"))
 *         .allow("notifications.allowHttp");
 * GitHubStatusPublisher publisher = new GitHubStatusPublisher(context);
 * context.advance(Duration.ofMinutes(56)); // e.g. past a token's expiry
 * }</pre>
 */
public final class TestPluginContext implements PluginContext {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String pluginId;
    private final Path dataDir;
    private final Map<String, String> secrets = new ConcurrentHashMap<>();
    private final Set<String> allowed = ConcurrentHashMap.newKeySet();
    private volatile Optional<Instant> now = Optional.empty();

    public TestPluginContext(String pluginId, Path dataDir) {
        this.pluginId = Objects.requireNonNull(pluginId, "pluginId");
        this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
    }

    /** Stops the clock at {@code start}; {@link #advance} moves it. Without it the clock is the system's. */
    public TestPluginContext startingAt(Instant start) {
        now = Optional.of(Objects.requireNonNull(start, "start"));
        return this;
    }

    /** Lets the admin policies named (e.g. {@code git.localPaths}); all others are refused. */
    public TestPluginContext allow(String... policies) {
        allowed.addAll(Set.of(policies));
        return this;
    }

    /** Moves the stopped clock forward. */
    public void advance(Duration duration) {
        now = Optional.of(now.orElseThrow(() -> new IllegalStateException("call startingAt first")).plus(duration));
    }

    @Override
    public String pluginId() {
        return pluginId;
    }

    @Override
    public String pluginVersion() {
        return "0.1.0-test";
    }

    @Override
    public String slipwayVersion() {
        return "0.1.0-test";
    }

    @Override
    public Path dataDir() {
        return dataDir;
    }

    @Override
    public SecretStore secrets() {
        return new SecretStore() {
            @Override
            public Optional<String> get(String key) {
                return Optional.ofNullable(secrets.get(key));
            }

            @Override
            public void put(String key, String value) {
                secrets.put(key, value);
            }

            @Override
            public void remove(String key) {
                secrets.remove(key);
            }
        };
    }

    @Override
    public HttpClient httpClient() {
        return HTTP;
    }

    @Override
    public boolean adminAllows(String policy) {
        return allowed.contains(policy);
    }

    @Override
    public Clock clock() {
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.orElseGet(Instant::now);
            }
        };
    }
}
