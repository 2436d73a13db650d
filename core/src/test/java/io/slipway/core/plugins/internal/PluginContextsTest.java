package io.slipway.core.plugins.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.core.persistence.Database;
import io.slipway.core.secrets.SecretCipher;
import io.slipway.core.testing.TestServer;
import io.slipway.plugin.api.PluginContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginContextsTest {
    @TempDir
    Path home;

    @Test
    void givesEachPluginItsFolderEncryptedSecretsAndOneSharedHttpClient() {
        try (Database db = Database.open(TestServer.config(home, 1024));
             PluginContexts contexts = new PluginContexts(home.resolve("plugin-data"), "0.1.0", db.jdbi(),
                     SecretCipher.fromKeyFile(home.resolve("secret.key")))) {
            PluginContext a = contexts.create("alpha", "1.0.0");
            PluginContext b = contexts.create("beta", "2.0.0");
            assertEquals(home.resolve("plugin-data").resolve("alpha"), a.dataDir());
            assertTrue(Files.isDirectory(a.dataDir()));
            assertEquals("0.1.0", a.slipwayVersion());
            assertEquals("2.0.0", b.pluginVersion());

            a.secrets().put("token", "s3cret");
            a.secrets().put("token", "s3cret-2");
            assertEquals(Optional.of("s3cret-2"), a.secrets().get("token"));
            assertEquals(Optional.empty(), b.secrets().get("token"), "secrets are per plugin");
            String stored = db.jdbi().withHandle(h -> h.createQuery(
                    "SELECT secret_value FROM plugin_secrets WHERE plugin_id = 'alpha'").mapTo(String.class).one());
            assertFalse(stored.contains("s3cret"), "stored encrypted");
            a.secrets().remove("token");
            assertEquals(Optional.empty(), a.secrets().get("token"));

            assertSame(a.httpClient(), b.httpClient());
            a.secrets().put("kept", "x");
            contexts.forget("alpha");
            assertFalse(Files.exists(a.dataDir()));
            assertEquals(Optional.empty(), a.secrets().get("kept"));
        }
    }

    @Test
    void refusesAnIdThatWouldLeaveThePluginDataFolder() {
        try (Database db = Database.open(TestServer.config(home, 1024));
             PluginContexts contexts = new PluginContexts(home.resolve("plugin-data"), "0.1.0", db.jdbi(),
                     SecretCipher.fromKeyFile(home.resolve("secret.key")))) {
            assertThrows(IllegalArgumentException.class, () -> contexts.create("../evil", "1.0.0"));
            assertFalse(Files.exists(home.resolve("evil")));
        }
    }
}
