package io.slipway.core;

import io.slipway.plugin.api.config.FieldError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Input that failed validation (400). {@code details.fields} maps each failed field to its
 * problem, so forms and API clients can show it next to the field.
 */
public class InvalidInputException extends SlipwayException {
    private final List<FieldError> errors;

    public InvalidInputException(List<FieldError> errors) {
        super(400, "invalid_input", "Invalid input: " + describe(errors));
        this.errors = List.copyOf(errors);
    }

    public static InvalidInputException field(String field, String message) {
        return new InvalidInputException(List.of(new FieldError(field, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }

    @Override
    public Map<String, Object> details() {
        Map<String, String> fields = new LinkedHashMap<>();
        errors.forEach(e -> fields.merge(e.field(), e.message(), (a, b) -> a + "; " + b));
        return Map.of("fields", fields);
    }

    private static String describe(List<FieldError> errors) {
        StringBuilder sb = new StringBuilder();
        for (FieldError e : errors) {
            if (!sb.isEmpty()) {
                sb.append("; ");
            }
            sb.append('\'').append(e.field()).append("' ").append(e.message());
        }
        return sb.toString();
    }
}
