package io.slipway.core.plugins;

import io.slipway.core.SlipwayException;

/** A plugin stayed in use by running steps for longer than a change to it may wait (409). */
public class PluginBusyException extends SlipwayException {
    public PluginBusyException(String pluginId, long waitedSeconds) {
        super(409, "plugin_busy", "Plugin '" + pluginId + "' is still in use by running steps after " + waitedSeconds
                + " s; try again when they have finished.");
    }
}
