package io.slipway.plugin.api.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One field of an extension's configuration. Built fluently; every {@code with}-style method
 * returns a new value.
 *
 * <pre>{@code
 * ConfigField.text("branch").label("Branch").defaultValue("main").pattern("[A-Za-z0-9._/-]+")
 *     .help("Branch to deploy when no ref is given");
 * ConfigField.choice("pull", List.of("always", "missing", "never")).defaultValue("missing");
 * }</pre>
 *
 * @param name key in the stored config and in the REST API
 * @param type how it is rendered, parsed and stored
 * @param label shown in the form
 * @param required a value must be given (or a default exist)
 * @param defaultValue used when no value is given, as text; empty when none
 * @param help one sentence under the field
 * @param pattern a regular expression the whole text value must match; empty when none
 * @param choices the allowed values of a {@link FieldType#CHOICE} field
 * @param adminOnly only an administrator may set or change it (a project member's change keeps the
 *     stored value or is refused); for fields that widen what the app may do on the host, e.g.
 *     {@code ConfigField.text("allow").adminOnly(true)}
 */
public record ConfigField(String name, FieldType type, String label, boolean required,
                          Optional<String> defaultValue, String help, Optional<String> pattern,
                          List<String> choices, boolean adminOnly) {

    /** A field anyone who may configure the app may set. */
    public ConfigField(String name, FieldType type, String label, boolean required, Optional<String> defaultValue,
                       String help, Optional<String> pattern, List<String> choices) {
        this(name, type, label, required, defaultValue, help, pattern, choices, false);
    }

    public ConfigField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(defaultValue, "defaultValue");
        Objects.requireNonNull(help, "help");
        Objects.requireNonNull(pattern, "pattern");
        choices = List.copyOf(choices);
        pattern.ifPresent(Pattern::compile);
        if (type == FieldType.CHOICE && choices.isEmpty()) {
            throw new IllegalArgumentException("choice field '" + name + "' needs at least one choice");
        }
    }

    public static ConfigField of(String name, FieldType type) {
        return new ConfigField(name, type, name, false, Optional.empty(), "", Optional.empty(), List.of());
    }

    public static ConfigField text(String name) {
        return of(name, FieldType.TEXT);
    }

    public static ConfigField secret(String name) {
        return of(name, FieldType.SECRET);
    }

    public static ConfigField bool(String name) {
        return of(name, FieldType.BOOLEAN);
    }

    public static ConfigField number(String name) {
        return of(name, FieldType.NUMBER);
    }

    public static ConfigField multiline(String name) {
        return of(name, FieldType.MULTILINE);
    }

    public static ConfigField choice(String name, List<String> choices) {
        return new ConfigField(name, FieldType.CHOICE, name, false, Optional.empty(), "", Optional.empty(), choices, false);
    }

    public ConfigField label(String newLabel) {
        return new ConfigField(name, type, newLabel, required, defaultValue, help, pattern, choices, adminOnly);
    }

    public ConfigField required(boolean isRequired) {
        return new ConfigField(name, type, label, isRequired, defaultValue, help, pattern, choices, adminOnly);
    }

    public ConfigField defaultValue(String value) {
        return new ConfigField(name, type, label, required, Optional.of(value), help, pattern, choices, adminOnly);
    }

    public ConfigField help(String text) {
        return new ConfigField(name, type, label, required, defaultValue, text, pattern, choices, adminOnly);
    }

    public ConfigField pattern(String regex) {
        return new ConfigField(name, type, label, required, defaultValue, help, Optional.of(regex), choices, adminOnly);
    }

    /** Marks the field as one only an administrator may set or change. */
    public ConfigField adminOnly(boolean onlyAdmins) {
        return new ConfigField(name, type, label, required, defaultValue, help, pattern, choices, onlyAdmins);
    }

    /** Secrets are write-only: never returned by the API nor rendered back into a form. */
    public boolean isSecret() {
        return type == FieldType.SECRET;
    }
}
