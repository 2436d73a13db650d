package io.slipway.core.plugins;

import io.slipway.core.persistence.Database;
import io.slipway.core.secrets.SecretCipher;
import io.slipway.core.server.Startup;
import io.slipway.core.testing.TestServer;
import io.slipway.plugin.api.ExtensionPointId;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A real plugin service without HTTP: its own H2 database in {@code home}, a fresh extension
 * registry, optional bundled plugins, and a chosen drain timeout.
 */
final class PluginHarness implements AutoCloseable {
    final Path home;
    final Database database;
    final ExtensionRegistry registry = new ExtensionRegistry();
    final PluginService plugins;

    private PluginHarness(Path home, Optional<Path> bundled, Duration drainTimeout) {
        this.home = home;
        Startup startup = new Startup(TestServer.config(home, 10L * 1024 * 1024), bundled, "0.1.0");
        this.database = Database.open(startup.config());
        try {
            this.plugins = PluginService.start(startup, database.jdbi(), registry,
                    SecretCipher.fromKeyFile(home.resolve("secret.key")), drainTimeout);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    static PluginHarness open(Path home) {
        return new PluginHarness(home, Optional.empty(), PluginService.DRAIN_TIMEOUT);
    }

    static PluginHarness open(Path home, Optional<Path> bundled, Duration drainTimeout) {
        return new PluginHarness(home, bundled, drainTimeout);
    }

    PluginInfo install(Path jar) {
        return install(jar, false);
    }

    PluginInfo install(Path jar, boolean force) {
        try (InputStream in = Files.newInputStream(jar)) {
            return plugins.install(in, force);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    RegisteredExtension extension(ExtensionPointId point, String id) {
        return registry.find(point, id).orElseThrow(() -> new AssertionError("no " + point.id() + " '" + id + "' registered"));
    }

    /** Names of the files in SLIPWAY_HOME/plugins. */
    List<String> pluginFiles() {
        Path dir = home.resolve("plugins");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            plugins.close();
        } finally {
            database.close();
        }
    }
}
