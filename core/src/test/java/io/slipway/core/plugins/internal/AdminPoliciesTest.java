package io.slipway.core.plugins.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.core.persistence.Database;
import io.slipway.core.secrets.SecretCipher;
import io.slipway.core.settings.ServerSettings;
import io.slipway.core.testing.TestServer;
import io.slipway.plugin.api.PluginContext;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PluginContext.adminAllows answers from the administrator's settings, at once and for every plugin. */
class AdminPoliciesTest {
    @TempDir
    Path home;

    @Test
    void aPluginSeesAPolicyOnlyWhileAnAdministratorHasItOn() {
        try (Database db = Database.open(TestServer.config(home, 1024));
             PluginContexts contexts = new PluginContexts(home.resolve("plugin-data"), "0.1.0", db.jdbi(),
                     SecretCipher.fromKeyFile(home.resolve("secret.key")))) {
            PluginContext git = contexts.create("git", "1.0.0");
            ServerSettings settings = new ServerSettings(db.jdbi(), Clock.systemUTC());
            assertFalse(git.adminAllows("git.localPaths"), "off by default");
            settings.update(Map.of("git.localPaths", true));
            assertTrue(git.adminAllows("git.localPaths"), "a change applies to a running plugin at once");
            assertFalse(git.adminAllows("notifications.allowHttp"));
            assertFalse(git.adminAllows("git.anythingElse"), "unknown policies are never allowed");
            assertFalse(git.adminAllows(null));
            settings.update(Map.of("git.localPaths", false));
            assertFalse(git.adminAllows("git.localPaths"));
        }
    }
}
