package io.slipway.core.plugins.internal;

import io.slipway.core.plugins.ExtensionInfo;
import io.slipway.core.plugins.RegisteredExtension;
import io.slipway.plugin.api.config.ConfigSchema;
import java.util.Objects;

/**
 * An extension of a started plugin with what it said about itself when it was created (its name
 * and config schema are plain data, read once, so listing them never calls into the plugin).
 */
public record LoadedExtension(RegisteredExtension registered, String displayName, ConfigSchema configSchema) {
    public LoadedExtension {
        Objects.requireNonNull(registered, "registered");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(configSchema, "configSchema");
    }

    public ExtensionInfo info() {
        return new ExtensionInfo(registered.point().id(), registered.id(), displayName);
    }
}
