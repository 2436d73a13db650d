package io.slipway.core.security;

import io.slipway.core.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Field errors of the security pages' forms, keyed by the form field's name. */
final class FormFields {
    private FormFields() {
    }

    static Map<String, String> errors(InvalidInputException e) {
        Map<String, String> byField = new LinkedHashMap<>();
        e.errors().forEach(f -> byField.merge(f.field(), f.message(), (a, b) -> a + "; " + b));
        return byField;
    }
}
