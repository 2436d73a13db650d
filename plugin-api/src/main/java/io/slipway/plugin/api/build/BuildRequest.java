package io.slipway.plugin.api.build;

import io.slipway.plugin.api.config.Config;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * What to build.
 *
 * <pre>{@code
 * new BuildRequest(config, workspace.resolve("src"), "slipway/web:42", Map.of("NODE_ENV", "production"),
 *     Map.of("io.slipway.app", "web", "io.slipway.deployment", "42"));
 * }</pre>
 *
 * @param config the builder's validated settings
 * @param sourceDir the fetched source
 * @param imageTag the tag to give the result
 * @param buildEnv the app's variables marked build-time
 * @param labels labels to put on everything the build creates
 */
public record BuildRequest(Config config, Path sourceDir, String imageTag, Map<String, String> buildEnv,
                           Map<String, String> labels) {
    public BuildRequest {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(sourceDir, "sourceDir");
        Objects.requireNonNull(imageTag, "imageTag");
        buildEnv = Map.copyOf(buildEnv);
        labels = Map.copyOf(labels);
    }
}
