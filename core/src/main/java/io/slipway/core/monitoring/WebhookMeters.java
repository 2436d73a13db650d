package io.slipway.core.monitoring;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * {@code slipway_webhook_deliveries_seconds{outcome}}: every request to {@code /hooks/*}, counted
 * and timed by what came of it: the answer's {@code status} ({@code queued}, {@code ignored}, ...)
 * or its error code ({@code bad_signature}, {@code no_receiver}, ...).
 */
public final class WebhookMeters {
    public static final String NAME = "slipway.webhook.deliveries";
    /** Outcomes are tag values: a stray one must not mint a new time series per delivery. */
    private static final Pattern TAG = Pattern.compile("[a-z][a-z0-9_]{0,39}");

    private final MeterRegistry registry;
    /** A timer per outcome: building and registering one per delivery costs more than recording. */
    private final Map<String, Timer> timers = new java.util.concurrent.ConcurrentHashMap<>();

    public WebhookMeters(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /** Records one delivery given the body answered to the sender. */
    public void record(Map<String, ?> answer, Duration took) {
        timers.computeIfAbsent(outcomeOf(answer), outcome -> Timer.builder(NAME)
                .description("Webhook deliveries by outcome, and how long each took to answer")
                .tag("outcome", outcome).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry)).record(took);
    }

    static String outcomeOf(Map<String, ?> answer) {
        Object status = answer.get("status");
        String outcome = status != null ? status.toString()
                : answer.get("error") instanceof Map<?, ?> m && m.get("code") != null ? m.get("code").toString() : "error";
        return TAG.matcher(outcome).matches() ? outcome : "other";
    }
}
