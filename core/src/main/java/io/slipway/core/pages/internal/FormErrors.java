package io.slipway.core.pages.internal;

import io.slipway.plugin.api.config.FieldError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Field errors keyed by form field name, as templates show them next to each field. */
public final class FormErrors {
    private FormErrors() {
    }

    public static Map<String, String> byField(List<FieldError> errors) {
        Map<String, String> out = new LinkedHashMap<>();
        errors.forEach(e -> out.merge(e.field(), e.message(), (a, b) -> a + "; " + b));
        return out;
    }

    public static Map<String, String> of(String field, String message) {
        return byField(List.of(new FieldError(field, message)));
    }
}
