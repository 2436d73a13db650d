package io.slipway.plugin.api;

import io.slipway.plugin.api.config.Config;
import io.slipway.plugin.api.config.ConfigSchema;
import io.slipway.plugin.api.config.FieldError;
import java.util.List;
import org.pf4j.ExtensionPoint;

/**
 * What every Slipway extension has: a stable id, a name for people, and the configuration it
 * needs.
 *
 * <p>The core renders a form from {@link #configSchema()}, validates what users enter against it,
 * stores the values (secrets encrypted) and hands the extension a read-only {@link Config}.
 * Extensions are created once per plugin start; a public constructor taking a
 * {@link PluginContext} receives the plugin's context, otherwise a no-argument one is used.
 *
 * <pre>{@code
 * public ConfigSchema configSchema() {
 *     return ConfigSchema.of(
 *         ConfigField.text("url").label("Repository URL").required(true),
 *         ConfigField.secret("token").help("Personal access token"));
 * }
 * }</pre>
 */
public interface SlipwayExtension extends ExtensionPoint {

    /** Stable lower-case id, unique within its extension point ({@code "dockerfile"}, {@code "git"}). */
    String id();

    /** Name shown to people ("Dockerfile"). */
    String displayName();

    /** The fields this extension needs; none by default. */
    default ConfigSchema configSchema() {
        return ConfigSchema.empty();
    }

    /**
     * Checks that go beyond single fields (two fields that exclude each other, say). Pure: no
     * I/O. Called after the schema itself has passed.
     */
    default List<FieldError> validate(Config config) {
        return List.of();
    }

    /**
     * An explicit "test connection" a user may ask for from the settings form; may do I/O.
     * The default says there is nothing to test.
     */
    default ConnectionCheck testConnection(Config config) {
        return ConnectionCheck.notSupported();
    }
}
