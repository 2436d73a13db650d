package io.slipway.plugin.api.deploy;

import io.slipway.plugin.api.build.Artifact;
import io.slipway.plugin.api.config.Config;
import java.util.Map;
import java.util.Objects;

/**
 * What to start.
 *
 * <pre>{@code
 * new DeployRequest(config, "web", "production", "42", Artifact.of("slipway/web:42"),
 *     Map.of("DATABASE_URL", "…"), Map.of("io.slipway.app", "web"));
 * }</pre>
 *
 * @param config the deployer's validated settings
 * @param app the app's name
 * @param environment the environment's name
 * @param deploymentId the deployment starting it
 * @param artifact what the build produced (or a rolled-back deployment's artifact)
 * @param env the app's run-time variables, secrets decrypted
 * @param labels labels to put on everything it creates
 */
public record DeployRequest(Config config, String app, String environment, String deploymentId,
                            Artifact artifact, Map<String, String> env, Map<String, String> labels) {
    public DeployRequest {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(deploymentId, "deploymentId");
        Objects.requireNonNull(artifact, "artifact");
        env = Map.copyOf(env);
        labels = Map.copyOf(labels);
    }
}
