package io.slipway.core.pages.internal;

import java.util.List;

/**
 * One extension point's part of the app settings form: which extension is chosen and its fields.
 *
 * @param point the point's id ({@code builder}), the prefix of its form fields
 * @param type the chosen extension's id; empty when none is chosen
 * @param problem why the fields cannot be shown (extension missing or failing); empty when they can
 */
public record PointForm(String point, String title, String hint, List<Option> options, String type,
                        List<ConfigFieldView> fields, String typeError, String problem) {
    /** One choosable extension. */
    public record Option(String id, String name, boolean selected) {
    }

    public PointForm {
        options = List.copyOf(options);
        fields = List.copyOf(fields);
    }

    public String typeField() {
        return point + ".type";
    }

    /** The type whose fields the form showed, so a POST can tell a changed type from a save. */
    public String shownField() {
        return point + ".shown";
    }
}
