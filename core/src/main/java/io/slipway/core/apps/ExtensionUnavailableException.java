package io.slipway.core.apps;

import io.slipway.core.SlipwayException;
import io.slipway.plugin.api.ExtensionPointId;

/** An app's chosen extension is not installed or its plugin is disabled (409). */
public final class ExtensionUnavailableException extends SlipwayException {
    public ExtensionUnavailableException(String app, ExtensionPointId point, String type) {
        super(409, "extension_unavailable", "App '" + app + "' uses the " + point.id() + " '" + type
                + "', which is not available: install or enable the plugin that provides it, or choose another "
                + point.id() + " for the app.");
    }
}
