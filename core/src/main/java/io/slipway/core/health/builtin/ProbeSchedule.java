package io.slipway.core.health.builtin;

import io.slipway.plugin.api.config.Config;
import io.slipway.plugin.api.config.ConfigField;
import io.slipway.plugin.api.config.FieldError;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * When and how often a built-in checker probes: wait {@code startPeriod}, then up to
 * {@code retries + 1} attempts of at most {@code timeout} each, {@code interval} apart.
 */
record ProbeSchedule(Duration startPeriod, Duration interval, Duration timeout, int retries) {
    static final String START_PERIOD = "startPeriodSeconds";
    static final String INTERVAL = "intervalSeconds";
    static final String TIMEOUT = "timeoutSeconds";
    static final String RETRIES = "retries";
    private static final int MAX_RETRIES = 1000;

    /** The schema fields every built-in checker shares. */
    static List<ConfigField> fields() {
        return List.of(
                ConfigField.number(START_PERIOD).label("Start period (seconds)").defaultValue("0")
                        .help("How long to wait before the first attempt, while the app starts."),
                ConfigField.number(INTERVAL).label("Interval (seconds)").defaultValue("2")
                        .help("Pause between attempts."),
                ConfigField.number(TIMEOUT).label("Timeout (seconds)").defaultValue("5")
                        .help("How long one attempt may take."),
                ConfigField.number(RETRIES).label("Retries").defaultValue("15")
                        .help("Attempts after the first failed one before the release counts as unhealthy."));
    }

    static ProbeSchedule from(Config config) {
        return new ProbeSchedule(seconds(config, START_PERIOD, 0), seconds(config, INTERVAL, 2),
                seconds(config, TIMEOUT, 5), config.integer(RETRIES).orElse(15));
    }

    /** Checks the ranges the schema's types cannot express. */
    static List<FieldError> check(Config config) {
        List<FieldError> errors = new ArrayList<>();
        for (String f : List.of(START_PERIOD, INTERVAL)) {
            config.number(f).filter(n -> n.doubleValue() < 0 || n.doubleValue() > 86_400)
                    .ifPresent(n -> errors.add(new FieldError(f, "must be from 0 to 86400 seconds")));
        }
        config.number(TIMEOUT).filter(n -> n.doubleValue() <= 0 || n.doubleValue() > 3_600)
                .ifPresent(n -> errors.add(new FieldError(TIMEOUT, "must be more than 0 and at most 3600 seconds")));
        config.number(RETRIES).filter(n -> n.doubleValue() < 0 || n.doubleValue() > MAX_RETRIES
                        || n.doubleValue() != Math.rint(n.doubleValue()))
                .ifPresent(n -> errors.add(new FieldError(RETRIES, "must be a whole number from 0 to " + MAX_RETRIES)));
        return errors;
    }

    private static Duration seconds(Config config, String field, double fallback) {
        double s = config.number(field).map(Number::doubleValue).orElse(fallback);
        return Duration.ofNanos((long) (Math.max(0, s) * 1_000_000_000L));
    }
}
