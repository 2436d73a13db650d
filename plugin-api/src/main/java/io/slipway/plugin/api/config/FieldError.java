package io.slipway.plugin.api.config;

import java.util.Objects;

/**
 * One field's problem, shown next to that field and returned by the REST API in
 * {@code error.details}.
 *
 * <pre>{@code
 * return List.of(new FieldError("branch", "must not be empty when 'tag' is not set"));
 * }</pre>
 */
public record FieldError(String field, String message) {
    public FieldError {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }
}
