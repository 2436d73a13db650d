package io.slipway.core.plugins;

import io.slipway.plugin.api.config.ConfigSchema;
import java.util.Objects;

/**
 * An extension with its name and config schema, as read when its plugin started.
 *
 * @param extension the registered extension (call it through {@link ExtensionInvoker})
 */
public record ExtensionDetails(RegisteredExtension extension, String displayName, ConfigSchema configSchema) {
    public ExtensionDetails {
        Objects.requireNonNull(extension, "extension");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(configSchema, "configSchema");
    }
}
