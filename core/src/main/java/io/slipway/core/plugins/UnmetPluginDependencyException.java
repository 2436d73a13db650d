package io.slipway.core.plugins;

import java.util.List;
import java.util.Map;

/** A plugin needs other plugins (each {@code id@range}) that are not installed and started. */
public class UnmetPluginDependencyException extends PluginRejectedException {
    public UnmetPluginDependencyException(String pluginId, List<String> missing) {
        super(400, "unmet_dependency", "Plugin '" + pluginId + "' needs plugins that are not installed and started: "
                + String.join(", ", missing) + ". Install or enable them first.", Map.of("missing", List.copyOf(missing)));
    }
}
