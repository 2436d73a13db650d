package io.slipway.core.plugins.internal;

import io.slipway.core.secrets.SecretCipher;
import io.slipway.plugin.api.PluginContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.AccessController;
import java.security.PrivilegedAction;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;

/**
 * Makes each plugin's {@link PluginContext}: its data folder (created), its secret store, the
 * server's shared HTTP client and the clock.
 */
final class PluginContexts implements AutoCloseable {
    private final Path pluginDataDir;
    private final String slipwayVersion;
    private final Jdbi jdbi;
    private final SecretCipher cipher;
    private final ExecutorService httpThreads;
    private volatile HttpClient http;

    PluginContexts(Path pluginDataDir, String slipwayVersion, Jdbi jdbi, SecretCipher cipher) {
        this.pluginDataDir = Objects.requireNonNull(pluginDataDir, "pluginDataDir");
        this.slipwayVersion = Objects.requireNonNull(slipwayVersion, "slipwayVersion");
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.cipher = Objects.requireNonNull(cipher, "cipher");
        this.httpThreads = Executors.newCachedThreadPool(new NeutralThreads());
    }

    PluginContext create(String pluginId, String pluginVersion) {
        Path dir = dataDirOf(pluginId);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the plugin folder " + dir + ": check SLIPWAY_HOME's permissions", e);
        }
        return new CorePluginContext(pluginId, pluginVersion, slipwayVersion, dir,
                new JdbiSecretStore(pluginId, jdbi, cipher), this::http, Clock.systemUTC(),
                new io.slipway.core.settings.ServerSettings(jdbi, Clock.systemUTC())::allows);
    }

    /**
     * The shared client, made on first use: building one initialises TLS, which costs a
     * noticeable part of a second that start-up should not pay. It is built as the server, not
     * as the plugin whose call first needed it (see {@link NeutralThreads}).
     */
    @SuppressWarnings("removal")
    private HttpClient http() {
        HttpClient c = http;
        if (c == null) {
            synchronized (this) {
                c = http;
                if (c == null) {
                    c = PluginCalls.withContextLoader(PluginContexts.class.getClassLoader(), () ->
                            AccessController.doPrivileged((PrivilegedAction<HttpClient>) () -> HttpClient.newBuilder()
                                    .connectTimeout(Duration.ofSeconds(10))
                                    .followRedirects(HttpClient.Redirect.NORMAL)
                                    .executor(httpThreads)
                                    .build()));
                    http = c;
                }
            }
        }
        return c;
    }

    Path dataDirOf(String pluginId) {
        Path dir = pluginDataDir.resolve(pluginId).normalize();
        if (!PluginVersions.isPluginId(pluginId) || !dir.getParent().equals(pluginDataDir.normalize())) {
            throw new IllegalArgumentException("not a plugin id: " + pluginId);
        }
        return dir;
    }

    /** Deletes a removed plugin's folder and secrets. */
    void forget(String pluginId) {
        JdbiSecretStore.removeAll(jdbi, pluginId);
        Path dir = dataDirOf(pluginId);
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(StagedUpload::deleteQuietly);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + dir + ": remove it by hand", e);
        }
    }

    @Override
    public void close() {
        httpThreads.shutdownNow();
    }

    /**
     * Threads for the HTTP client that hold no plugin: their context class loader is the
     * server's, and they are made outside the caller's access-control context, which on Java 17
     * would otherwise capture the protection domains (so the class loaders) of the plugin code
     * that happened to be on the stack when a thread was needed.
     */
    private static final class NeutralThreads implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        @SuppressWarnings("removal")
        public Thread newThread(Runnable r) {
            return AccessController.doPrivileged((PrivilegedAction<Thread>) () -> {
                Thread t = new Thread(r, "slipway-plugin-http-" + count.incrementAndGet());
                t.setDaemon(true);
                t.setContextClassLoader(PluginContexts.class.getClassLoader());
                return t;
            });
        }
    }
}
