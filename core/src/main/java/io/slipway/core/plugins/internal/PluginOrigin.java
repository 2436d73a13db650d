package io.slipway.core.plugins.internal;

import java.util.Locale;

/** Where an installed plugin's JAR came from. */
public enum PluginOrigin {
    /** Shipped with Slipway (read-only folder): can be disabled, not removed. */
    BUNDLED,
    /** Uploaded at run time into SLIPWAY_HOME/plugins. */
    UPLOADED;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    static PluginOrigin fromId(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
