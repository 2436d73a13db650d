package io.slipway.plugin.api.build;

import io.slipway.plugin.api.config.Config;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * What to plan a build for.
 *
 * <pre>{@code
 * new PlanRequest(config, workspace.resolve("src"), Map.of("NIXPACKS_START_CMD", "node server.js"));
 * }</pre>
 *
 * @param config the builder's validated settings
 * @param sourceDir the fetched source
 * @param env the app's variables (a planner reads its own, such as {@code NIXPACKS_BUILD_CMD})
 */
public record PlanRequest(Config config, Path sourceDir, Map<String, String> env) {
    public PlanRequest {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(sourceDir, "sourceDir");
        env = Map.copyOf(env);
    }
}
