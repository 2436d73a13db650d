package io.slipway.core.pages.internal;

import java.util.List;

/**
 * One config field as the settings form renders it.
 *
 * @param name the form field's name ({@code builder.config.dockerfile}), also the key of its error
 * @param id the HTML id
 * @param kind {@code text}, {@code secret}, {@code boolean}, {@code number}, {@code choice} or
 *     {@code multiline}
 * @param pattern the HTML {@code pattern}; empty when none
 * @param value what the input shows; always empty for secrets
 * @param secretSet a secret has a stored value (kept when the input is left empty)
 * @param error the field's problem; empty when none
 */
public record ConfigFieldView(String name, String id, String label, String kind, boolean required, String help,
                              String pattern, String value, boolean checked, boolean secretSet,
                              List<String> choices, String error) {
    public ConfigFieldView {
        choices = List.copyOf(choices);
    }

    public boolean hasError() {
        return !error.isEmpty();
    }
}
