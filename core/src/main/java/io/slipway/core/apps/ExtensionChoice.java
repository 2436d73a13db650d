package io.slipway.core.apps;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A choice of extension for one point of an app, as a user sends it:
 * {@code {"type": "dockerfile", "config": {"dockerfile": "Dockerfile"}}}. Config values are raw
 * (strings, numbers, booleans, as from JSON or a form); null values count as not given.
 *
 * @param type the extension's id; null or blank is reported as a missing {@code <point>.type}
 * @param config the raw values; for secret fields, absent or empty keeps the stored value while the
 *     type stays the same
 */
public record ExtensionChoice(String type, Map<String, Object> config) {
    public ExtensionChoice {
        Map<String, Object> copy = new LinkedHashMap<>();
        if (config != null) {
            config.forEach((k, v) -> {
                if (k != null && v != null) {
                    copy.put(k, v);
                }
            });
        }
        config = Collections.unmodifiableMap(copy);
    }

    /** Names the config keys only: raw values may hold secrets. */
    @Override
    public String toString() {
        return "ExtensionChoice[type=" + type + ", config keys=" + config.keySet() + "]";
    }

    public static ExtensionChoice of(String type, Map<String, ?> config) {
        return new ExtensionChoice(type, Map.copyOf(config));
    }
}
