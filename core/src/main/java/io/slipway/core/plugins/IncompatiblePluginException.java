package io.slipway.core.plugins;

import java.util.Map;

/** A plugin's {@code Plugin-Requires} is not met by the running Slipway. */
public class IncompatiblePluginException extends PluginRejectedException {
    public IncompatiblePluginException(String pluginId, String required, String running) {
        super(400, "incompatible_plugin", "Plugin '" + pluginId + "' requires Slipway " + required
                + " but this server runs " + running + ". Upgrade Slipway or use a version of the plugin made for "
                + running + ".", Map.of("required", required, "running", running));
    }
}
