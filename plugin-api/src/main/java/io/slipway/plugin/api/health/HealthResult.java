package io.slipway.plugin.api.health;

import java.util.Objects;

/**
 * A health check's verdict, with what was seen.
 *
 * <pre>{@code
 * return HealthResult.unhealthy("GET / answered 502 after 5 attempts", 5);
 * }</pre>
 */
public record HealthResult(boolean healthy, String detail, int attempts) {
    public HealthResult {
        Objects.requireNonNull(detail, "detail");
    }

    public static HealthResult healthy(String detail, int attempts) {
        return new HealthResult(true, detail, attempts);
    }

    public static HealthResult unhealthy(String detail, int attempts) {
        return new HealthResult(false, detail, attempts);
    }
}
