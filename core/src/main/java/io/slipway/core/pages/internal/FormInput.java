package io.slipway.core.pages.internal;

import jakarta.ws.rs.core.MultivaluedMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A submitted form: the first value of each field, the CSRF field left out (its check, once
 * there, happens before a resource runs).
 */
public final class FormInput {
    private final Map<String, String> values;

    private FormInput(Map<String, String> values) {
        this.values = values;
    }

    public static FormInput of(MultivaluedMap<String, String> form) {
        Map<String, String> values = new LinkedHashMap<>();
        if (form != null) {
            form.forEach((k, v) -> {
                if (!k.equals("_csrf") && v != null && !v.isEmpty() && v.get(0) != null) {
                    values.put(k, v.get(0));
                }
            });
        }
        return new FormInput(values);
    }

    public static FormInput empty() {
        return new FormInput(Map.of());
    }

    /** The value as sent (may be empty). */
    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** The value, trimmed; empty text counts as not given. */
    public Optional<String> text(String key) {
        return get(key).map(String::trim).filter(s -> !s.isEmpty());
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }

    /** A checkbox: sent means ticked (browsers send nothing for an unticked one). */
    public boolean checked(String key) {
        return get(key).map(v -> !v.equals("false")).orElse(false);
    }
}
