package io.slipway.core.deployments;

import io.slipway.core.InvalidInputException;
import io.slipway.core.pipeline.PhaseTimeouts;
import io.slipway.plugin.api.config.FieldError;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * An app's phase timeouts in seconds ({@code PUT /api/v1/apps/{app}/timeouts}); a field left out
 * keeps its current value.
 */
public record TimeoutsBody(Integer fetchSeconds, Integer buildSeconds, Integer deploySeconds, Integer healthSeconds) {
    static final int MAX_SECONDS = 24 * 3600;

    public static TimeoutsBody of(PhaseTimeouts t) {
        return new TimeoutsBody((int) t.fetch().toSeconds(), (int) t.build().toSeconds(), (int) t.deploy().toSeconds(),
                (int) t.health().toSeconds());
    }

    /** @throws InvalidInputException naming each field out of range */
    PhaseTimeouts applyTo(PhaseTimeouts current) {
        List<FieldError> errors = new ArrayList<>();
        PhaseTimeouts t = new PhaseTimeouts(pick("fetchSeconds", fetchSeconds, current.fetch(), errors),
                pick("buildSeconds", buildSeconds, current.build(), errors),
                pick("deploySeconds", deploySeconds, current.deploy(), errors),
                pick("healthSeconds", healthSeconds, current.health(), errors));
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return t;
    }

    private static Duration pick(String field, Integer value, Duration current, List<FieldError> errors) {
        if (value == null) {
            return current;
        }
        if (value < 1 || value > MAX_SECONDS) {
            errors.add(new FieldError(field, "must be from 1 to " + MAX_SECONDS + " seconds"));
            return current;
        }
        return Duration.ofSeconds(value);
    }
}
