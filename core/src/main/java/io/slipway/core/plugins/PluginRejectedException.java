package io.slipway.core.plugins;

import io.slipway.core.SlipwayException;
import java.util.Map;

/**
 * A plugin JAR (or a request to start one) that cannot be accepted: not a JAR, no descriptor, a
 * broken {@code extensions.idx}, a class that fails to load. Nothing of it is left installed.
 */
public class PluginRejectedException extends SlipwayException {
    private final Map<String, Object> details;

    public PluginRejectedException(String message) {
        this(400, "plugin_rejected", message, Map.of());
    }

    public PluginRejectedException(String message, Map<String, Object> details) {
        this(400, "plugin_rejected", message, details);
    }

    protected PluginRejectedException(int status, String code, String message, Map<String, Object> details) {
        super(status, code, message);
        this.details = Map.copyOf(details);
    }

    @Override
    public Map<String, Object> details() {
        return details;
    }
}
