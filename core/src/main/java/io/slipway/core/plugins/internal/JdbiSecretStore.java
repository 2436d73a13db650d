package io.slipway.core.plugins.internal;

import io.slipway.core.secrets.SecretCipher;
import io.slipway.plugin.api.SecretStore;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** One plugin's secrets in the {@code plugin_secrets} table, encrypted at rest. */
final class JdbiSecretStore implements SecretStore {
    private final String pluginId;
    private final Jdbi jdbi;
    private final SecretCipher cipher;

    JdbiSecretStore(String pluginId, Jdbi jdbi, SecretCipher cipher) {
        this.pluginId = Objects.requireNonNull(pluginId, "pluginId");
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.cipher = Objects.requireNonNull(cipher, "cipher");
    }

    @Override
    public Optional<String> get(String key) {
        checkKey(key);
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT secret_value FROM plugin_secrets WHERE plugin_id = :plugin AND secret_key = :key")
                .bind("plugin", pluginId).bind("key", key).mapTo(String.class).findOne())
                .map(cipher::decrypt);
    }

    @Override
    public void put(String key, String value) {
        checkKey(key);
        Objects.requireNonNull(value, "value");
        String sealed = cipher.encrypt(value);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        // Update, else insert: SQL that H2 and PostgreSQL both accept. A concurrent insert of the
        // same key makes ours fail on the primary key; the update then wins.
        if (update(key, sealed, now) == 0) {
            try {
                jdbi.useHandle(h -> h.createUpdate("INSERT INTO plugin_secrets (plugin_id, secret_key, secret_value, "
                                + "updated_at) VALUES (:plugin, :key, :value, :now)")
                        .bind("plugin", pluginId).bind("key", key).bind("value", sealed).bind("now", now).execute());
            } catch (UnableToExecuteStatementException raced) {
                if (update(key, sealed, now) == 0) {
                    throw raced;
                }
            }
        }
    }

    @Override
    public void remove(String key) {
        checkKey(key);
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM plugin_secrets WHERE plugin_id = :plugin AND secret_key = :key")
                .bind("plugin", pluginId).bind("key", key).execute());
    }

    /** Forgets every secret of a plugin (on uninstall). */
    static void removeAll(Jdbi jdbi, String pluginId) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM plugin_secrets WHERE plugin_id = :plugin")
                .bind("plugin", pluginId).execute());
    }

    private int update(String key, String sealed, OffsetDateTime now) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE plugin_secrets SET secret_value = :value, updated_at = :now "
                        + "WHERE plugin_id = :plugin AND secret_key = :key")
                .bind("plugin", pluginId).bind("key", key).bind("value", sealed).bind("now", now).execute());
    }

    private static void checkKey(String key) {
        Objects.requireNonNull(key, "key");
        if (key.isEmpty() || key.length() > 255) {
            throw new IllegalArgumentException("a secret key has 1 to 255 characters");
        }
    }
}
