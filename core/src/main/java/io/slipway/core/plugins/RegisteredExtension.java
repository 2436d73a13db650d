package io.slipway.core.plugins;

import io.slipway.plugin.api.ExtensionPointId;
import io.slipway.plugin.api.SlipwayExtension;
import java.util.Objects;

/**
 * One extension instance the server can call, with the point it implements and the plugin it
 * came from ({@code core} for built-ins).
 */
public record RegisteredExtension(ExtensionPointId point, String pluginId, SlipwayExtension extension) {
    public RegisteredExtension {
        Objects.requireNonNull(point, "point");
        Objects.requireNonNull(pluginId, "pluginId");
        Objects.requireNonNull(extension, "extension");
    }

    public String id() {
        return extension.id();
    }
}
