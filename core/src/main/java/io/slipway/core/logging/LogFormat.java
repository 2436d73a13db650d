package io.slipway.core.logging;

import io.slipway.core.config.ConfigurationException;
import java.util.Locale;

/** How the server writes its log lines ({@code SLIPWAY_LOG_FORMAT}). */
public enum LogFormat {
    /** One human-readable line per event, as configured by the war's {@code logback.xml}. */
    TEXT,
    /** One JSON object per line, with the MDC ({@code requestId}, {@code deploymentId}) as fields. */
    JSON;

    /** {@code "json"} → {@link #JSON}; anything but text or json is a configuration error. */
    public static LogFormat parse(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "text" -> TEXT;
            case "json" -> JSON;
            default -> throw new ConfigurationException(
                    "SLIPWAY_LOG_FORMAT / slipway.log.format must be text or json, not '" + value + "'.");
        };
    }
}
