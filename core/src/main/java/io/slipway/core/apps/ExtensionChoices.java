package io.slipway.core.apps;

import io.slipway.core.plugins.ExtensionRegistry;
import io.slipway.core.plugins.RegisteredExtension;
import io.slipway.core.secrets.SecretCipher;
import io.slipway.plugin.api.ExtensionPointId;
import io.slipway.plugin.api.config.Config;
import io.slipway.plugin.api.config.ConfigField;
import io.slipway.plugin.api.config.ConfigSchema;
import io.slipway.plugin.api.config.FieldError;
import io.slipway.plugin.api.config.InvalidConfigException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks a user's extension choice against the chosen extension's schema and turns it into what
 * is stored (secrets encrypted), and back into a typed {@link Config} for the pipeline. Config
 * values are never logged.
 */
public final class ExtensionChoices {
    private static final Logger LOG = LoggerFactory.getLogger(ExtensionChoices.class);

    private final ExtensionRegistry registry;
    private final SecretCipher cipher;

    public ExtensionChoices(ExtensionRegistry registry, SecretCipher cipher) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.cipher = Objects.requireNonNull(cipher, "cipher");
    }

    /**
     * Validates {@code choice} for {@code point}; on failure adds field errors named
     * {@code <point>.type} or {@code <point>.config.<field>} and returns empty.
     *
     * @param current the app's stored choice for this point, whose secrets are kept when the type
     *     stays the same and a secret field is not given again
     */
    public Optional<StoredChoice> validate(ExtensionPointId point, ExtensionChoice choice, Optional<StoredChoice> current,
                                    List<FieldError> errors) {
        return validate(point, choice, current, true, errors);
    }

    /**
     * As {@link #validate(ExtensionPointId, ExtensionChoice, Optional, List)}; when {@code byAdmin}
     * is false, fields the extension marks admin-only keep their stored value, and a change to one
     * is a field error.
     */
    public Optional<StoredChoice> validate(ExtensionPointId point, ExtensionChoice choice, Optional<StoredChoice> current,
                                    boolean byAdmin, List<FieldError> errors) {
        String p = point.id();
        if (choice.type() == null || choice.type().isBlank()) {
            errors.add(new FieldError(p + ".type", "is required; " + available(point)));
            return Optional.empty();
        }
        Optional<RegisteredExtension> found = registry.find(point, choice.type());
        if (found.isEmpty()) {
            errors.add(new FieldError(p + ".type", "'" + choice.type() + "' is not a known " + p + "; " + available(point)));
            return Optional.empty();
        }
        RegisteredExtension ext = found.get();
        ConfigSchema schema = call(ext, ext.extension()::configSchema);
        Map<String, Object> given = new LinkedHashMap<>(choice.config());
        Optional<StoredConfig> sameType = current.filter(c -> c.type().equals(choice.type())).map(StoredChoice::config);
        sameType.ifPresent(c -> keepSecrets(schema, given, c));
        if (!byAdmin && !keepAdminOnly(p, schema, given, sameType, errors)) {
            return Optional.empty();
        }
        Config config;
        try {
            config = schema.parse(given);
        } catch (InvalidConfigException e) {
            e.errors().forEach(err -> errors.add(prefixed(p, err)));
            return Optional.empty();
        }
        List<FieldError> problems;
        try {
            problems = List.copyOf(call(ext, () -> ext.extension().validate(config)));
        } catch (RuntimeException e) {
            LOG.warn("Extension {} of plugin {} failed while validating a config", ext.id(), ext.pluginId(), e);
            errors.add(new FieldError(p + ".config", "could not be checked: the " + p + " '" + ext.id()
                    + "' failed (" + e.getClass().getSimpleName() + "); see the server log"));
            return Optional.empty();
        }
        if (!problems.isEmpty()) {
            problems.forEach(err -> errors.add(prefixed(p, err)));
            return Optional.empty();
        }
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, String> secrets = new LinkedHashMap<>();
        for (String key : given.keySet()) {
            Object typed = config.values().get(key);
            if (typed == null) {
                continue;
            }
            if (schema.field(key).map(ConfigField::isSecret).orElse(false)) {
                secrets.put(key, cipher.encrypt(typed.toString()));
            } else {
                values.put(key, typed);
            }
        }
        return Optional.of(new StoredChoice(choice.type(), new StoredConfig(values, secrets)));
    }

    /** The extension and its typed config, secrets decrypted. */
    public ResolvedExtension resolve(String app, ExtensionPointId point, StoredChoice stored) {
        RegisteredExtension ext = registry.find(point, stored.type())
                .orElseThrow(() -> new ExtensionUnavailableException(app, point, stored.type()));
        Map<String, Object> raw = new LinkedHashMap<>(stored.config().values());
        stored.config().encryptedSecrets().forEach((k, v) -> raw.put(k, cipher.decrypt(v)));
        try {
            return new ResolvedExtension(ext, call(ext, ext.extension()::configSchema).parse(raw));
        } catch (InvalidConfigException e) {
            throw new StaleAppConfigException(app, e.errors().stream().map(err -> prefixed(point.id(), err)).toList());
        }
    }

    /** A non-admin's config: admin-only fields not given keep their stored value; changing one is refused. */
    private static boolean keepAdminOnly(String p, ConfigSchema schema, Map<String, Object> given,
                                         Optional<StoredConfig> stored, List<FieldError> errors) {
        boolean ok = true;
        for (ConfigField field : schema.fields()) {
            if (!field.adminOnly()) {
                continue;
            }
            Optional<Object> kept = stored.map(s -> s.values().get(field.name()));
            Object sent = given.get(field.name());
            String sentText = sent == null ? "" : sent.toString();
            if (sent == null || sentText.equals(kept.map(Object::toString).orElse(""))) {
                kept.ifPresentOrElse(v -> given.put(field.name(), v), () -> given.remove(field.name()));
            } else {
                errors.add(new FieldError(p + ".config." + field.name(), "only an administrator may change this field"));
                ok = false;
            }
        }
        return ok;
    }

    private void keepSecrets(ConfigSchema schema, Map<String, Object> given, StoredConfig stored) {
        stored.encryptedSecrets().forEach((name, encrypted) -> {
            boolean stillSecret = schema.field(name).map(ConfigField::isSecret).orElse(false);
            Object sent = given.get(name);
            if (stillSecret && (sent == null || "".equals(sent))) {
                given.put(name, cipher.decrypt(encrypted));
            }
        });
    }

    /*
     * Calls into a plugin with its class loader as the context loader. The plugin manager's
     * call wrapper (timing, failure translation) should replace this once it exists.
     */
    private static <T> T call(RegisteredExtension ext, Supplier<T> body) {
        Thread t = Thread.currentThread();
        ClassLoader before = t.getContextClassLoader();
        t.setContextClassLoader(ext.extension().getClass().getClassLoader());
        try {
            return body.get();
        } finally {
            t.setContextClassLoader(before);
        }
    }

    private String available(ExtensionPointId point) {
        List<String> ids = registry.list(point).stream().map(RegisteredExtension::id).toList();
        return ids.isEmpty()
                ? "no " + point.id() + " is installed: install a plugin that provides one"
                : "available: " + ids.stream().collect(Collectors.joining(", "));
    }

    private static FieldError prefixed(String point, FieldError e) {
        return new FieldError(point + ".config." + e.field(), e.message());
    }
}
