package io.slipway.core.logging;

import java.util.Objects;
import org.slf4j.LoggerFactory;

/**
 * Applies {@link LogFormat} once the settings are known. Text leaves the logging backend as its
 * own configuration made it; JSON swaps the encoder of the root logger's console appenders when
 * the backend is logback (the war's), and says so on standard error otherwise.
 */
public final class LogSetup {
    private static final String LOGBACK_CONTEXT = "ch.qos.logback.classic.LoggerContext";

    private LogSetup() {
    }

    public static void apply(LogFormat format) {
        Objects.requireNonNull(format, "format");
        if (format == LogFormat.TEXT) {
            return;
        }
        Object factory = LoggerFactory.getILoggerFactory();
        if (!factory.getClass().getName().equals(LOGBACK_CONTEXT)) {
            // Logging is not configured yet or belongs to an outside container: nothing to log through.
            System.err.println("slipway: SLIPWAY_LOG_FORMAT=json needs logback as the SLF4J backend; found "
                    + factory.getClass().getName() + ": keeping its format");
            return;
        }
        // Only touch logback's classes once it is known to be there.
        LogbackJson.useJsonOnConsole(factory);
    }
}
