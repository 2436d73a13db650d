package io.slipway.core.server;

import io.slipway.core.config.SlipwayConfig;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What the core needs to start: its settings and where the plugins bundled with this build are.
 *
 * @param config resolved settings
 * @param bundledPlugins folder of the plugin JARs shipped inside the war; empty when none
 * @param version the server's version
 */
public record Startup(SlipwayConfig config, Optional<Path> bundledPlugins, String version) {
    public Startup {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(bundledPlugins, "bundledPlugins");
        Objects.requireNonNull(version, "version");
    }
}
