package io.slipway.plugin.api.config;

/**
 * The kinds of configuration field the core knows how to render, validate and store.
 *
 * <pre>{@code
 * ConfigField.of("port", FieldType.NUMBER).required(true);
 * }</pre>
 */
public enum FieldType {
    /** One line of text. */
    TEXT,
    /** Stored encrypted, never shown again after saving, masked in logs. */
    SECRET,
    /** true or false. */
    BOOLEAN,
    /** A whole or decimal number. */
    NUMBER,
    /** One of {@link ConfigField#choices()}. */
    CHOICE,
    /** Several lines of text (a private key, a script). */
    MULTILINE
}
