package io.slipway.plugin.api.config;

import io.slipway.plugin.api.SlipwayPluginException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Configuration that did not pass its schema; the REST API answers 400 with one entry per field.
 *
 * <pre>{@code
 * try { schema.parse(values); } catch (InvalidConfigException e) { e.errors().forEach(...); }
 * }</pre>
 */
public class InvalidConfigException extends SlipwayPluginException {
    private final List<FieldError> errors;

    public InvalidConfigException(List<FieldError> errors) {
        super("Invalid configuration: " + errors.stream()
                .map(e -> "'" + e.field() + "' " + e.message())
                .collect(Collectors.joining("; ")));
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
