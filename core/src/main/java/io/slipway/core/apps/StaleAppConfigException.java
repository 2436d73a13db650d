package io.slipway.core.apps;

import io.slipway.core.SlipwayException;
import io.slipway.plugin.api.config.FieldError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An app's stored config no longer passes its extension's schema (the plugin was upgraded and
 * now asks for something else), so the app cannot be deployed until its settings are updated.
 */
public final class StaleAppConfigException extends SlipwayException {
    private final List<FieldError> errors;

    public StaleAppConfigException(String app, List<FieldError> errors) {
        super(409, "stale_config", "The settings of app '" + app + "' no longer pass their extension's checks ("
                + errors.stream().map(e -> "'" + e.field() + "' " + e.message()).collect(Collectors.joining("; "))
                + "): update them with PATCH /api/v1/apps/" + app + ".");
        this.errors = List.copyOf(errors);
    }

    @Override
    public Map<String, Object> details() {
        Map<String, String> fields = new LinkedHashMap<>();
        errors.forEach(e -> fields.merge(e.field(), e.message(), (a, b) -> a + "; " + b));
        return Map.of("fields", fields);
    }
}
