package io.slipway.core.plugins;

/** Where an installed plugin stands. */
public enum PluginStatus {
    /** Loaded and started; its extensions are in the registry. */
    STARTED,
    /** Switched off by a user; stays off across restarts. */
    DISABLED,
    /** Could not be started; {@link PluginInfo#error()} says why. */
    FAILED
}
