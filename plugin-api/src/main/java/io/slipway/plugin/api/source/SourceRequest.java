package io.slipway.plugin.api.source;

import io.slipway.plugin.api.config.Config;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What to fetch and where.
 *
 * <pre>{@code
 * new SourceRequest(config, Optional.of("v1.2.0"), workspace.resolve("src"));
 * }</pre>
 *
 * @param config the source's validated settings (URL, credentials, default branch)
 * @param ref a branch, tag or commit asked for by the trigger; empty means the configured default
 * @param targetDir the folder to fill; created by the core, may hold an earlier fetch
 */
public record SourceRequest(Config config, Optional<String> ref, Path targetDir) {
    public SourceRequest {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(targetDir, "targetDir");
    }
}
