package io.slipway.plugins.docker;

import com.github.dockerjava.api.DockerClient;
import io.slipway.plugin.api.config.Config;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The docker plugin's public entry for plugins that depend on it (PF4J {@code Plugin-Dependencies:
 * docker}), such as {@code compose}: one engine connection per piece of work, opened from the
 * standard Docker variables with an extension's {@code dockerHost} override, with the same
 * "engine not reachable" translation and label keys the docker deployer uses.
 *
 * <pre>{@code
 * EngineAccess engines = EngineAccess.fromEnvironment();
 * List<Container> mine = engines.call(config, c -> c.listContainersCmd()
 *         .withLabelFilter(Map.of(EngineAccess.APP_LABEL, "web")).exec());
 * }</pre>
 */
public final class EngineAccess {
    public static final String APP_LABEL = ReleaseLabels.APP;
    public static final String ENVIRONMENT_LABEL = ReleaseLabels.ENVIRONMENT;
    public static final String DEPLOYMENT_LABEL = ReleaseLabels.DEPLOYMENT;
    /** The config field that overrides DOCKER_HOST for one app; its pattern, for other schemas. */
    public static final String HOST_FIELD = EngineSettings.HOST_FIELD;
    public static final String HOST_PATTERN = EngineSettings.HOST_PATTERN;

    private final EngineSettings defaults;

    private EngineAccess(EngineSettings defaults) {
        this.defaults = Objects.requireNonNull(defaults, "defaults");
    }

    public static EngineAccess fromEnvironment() {
        return new EngineAccess(EngineSettings.fromEnvironment(System.getenv()));
    }

    public static EngineAccess of(Map<String, String> dockerVariables) {
        return new EngineAccess(EngineSettings.fromEnvironment(dockerVariables));
    }

    /** The engine's address for {@code config} (for log lines). */
    public String host(Config config) {
        return defaults.forConfig(config).host();
    }

    /** Opens a connection, runs {@code work}, closes it; "no engine there" becomes a clear step failure. */
    public <T> T call(Config config, Function<DockerClient, T> work) {
        try (DockerEngine engine = DockerEngine.open(defaults.forConfig(config))) {
            return engine.call(work);
        }
    }

    /** A name the engine accepts ({@code [a-zA-Z0-9][a-zA-Z0-9_.-]*}) made from parts of any text. */
    public static String engineName(String... parts) {
        return ReleaseLabels.engineName(parts);
    }

    /** Stops (with {@code graceSeconds}) and removes a container; one already gone is fine. */
    public static void stopAndRemove(DockerClient client, String containerId, int graceSeconds) {
        DockerDeployer.stopAndRemove(client, containerId, graceSeconds);
    }
}
