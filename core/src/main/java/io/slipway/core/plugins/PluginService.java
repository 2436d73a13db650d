package io.slipway.core.plugins;

import io.slipway.core.ServiceUnavailableException;
import io.slipway.core.plugins.internal.InstalledPlugin;
import io.slipway.core.plugins.internal.LoadedExtension;
import io.slipway.core.plugins.internal.PluginHost;
import io.slipway.core.plugins.internal.PluginInstaller;
import io.slipway.core.plugins.internal.PluginJar;
import io.slipway.core.plugins.internal.PluginLeases;
import io.slipway.core.plugins.internal.PluginLifecycle;
import io.slipway.core.plugins.internal.StagedUpload;
import io.slipway.core.secrets.SecretCipher;
import io.slipway.core.server.Startup;
import io.slipway.plugin.api.ConnectionCheck;
import io.slipway.plugin.api.ExtensionPointId;
import io.slipway.plugin.api.StepFailedException;
import io.slipway.plugin.api.config.Config;
import io.slipway.plugin.api.SlipwayExtension;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slipway's run-time plugin system over PF4J: installs, upgrades (in place, no restart), enables,
 * disables and removes plugins, and keeps the {@link ExtensionRegistry} in step.
 *
 * <p>PF4J is not thread-safe, so every change runs under one writer lock; reads ({@link #list},
 * {@link #find}) use a snapshot and never wait. Calls into plugins go through {@link #invoker()}.
 */
public final class PluginService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PluginService.class);
    /** How long a change to a plugin waits for running steps to let go of it. */
    public static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(60);

    private final ReentrantLock writer = new ReentrantLock(true);
    private final PluginHost host;
    private final PluginInstaller installer;
    private final PluginLifecycle lifecycle;
    private final ExtensionInvoker invoker;
    private final Path stagingDir;
    private final io.slipway.core.plugins.internal.JarDigests digests = new io.slipway.core.plugins.internal.JarDigests();
    private boolean closed;

    private PluginService(PluginHost host, ExtensionInvoker invoker, Path stagingDir) {
        this.host = host;
        this.installer = new PluginInstaller(host);
        this.lifecycle = new PluginLifecycle(host);
        this.invoker = invoker;
        this.stagingDir = stagingDir;
    }

    /** Sets up the plugin system and starts every bundled and installed plugin before returning. */
    public static PluginService start(Startup startup, Jdbi jdbi, ExtensionRegistry registry, SecretCipher cipher) {
        return start(startup, jdbi, registry, cipher, DRAIN_TIMEOUT);
    }

    /** As {@link #start(Startup, Jdbi, ExtensionRegistry, SecretCipher)}, with another drain timeout. */
    public static PluginService start(Startup startup, Jdbi jdbi, ExtensionRegistry registry, SecretCipher cipher,
                                      Duration drainTimeout) {
        Objects.requireNonNull(startup, "startup");
        long began = System.nanoTime();
        PluginLeases leases = new PluginLeases();
        PluginHost host = PluginHost.open(startup.config(), startup.version(), jdbi, registry, cipher, leases, drainTimeout);
        Path staging = startup.config().home().resolve("tmp");
        StagedUpload.clean(staging);
        PluginService service = new PluginService(host, new ExtensionInvoker(registry, leases), staging);
        try {
            host.load(startup.bundledPlugins());
        } catch (RuntimeException | Error e) {
            service.close();
            throw e;
        }
        LOG.info("Plugins ready in {} ms: {}", (System.nanoTime() - began) / 1_000_000,
                host.plugins().values().stream().map(p -> p.id() + " " + p.status()).toList());
        return service;
    }

    /** Every installed plugin, by id. */
    public List<PluginInfo> list() {
        return host.plugins().values().stream().map(digests::complete).toList();
    }

    public Optional<PluginInfo> find(String id) {
        return host.plugin(id).map(digests::complete);
    }

    /**
     * Installs a plugin JAR, or upgrades the installed plugin of the same id in place. A JAR that
     * is rejected leaves nothing installed; a failed upgrade leaves the previous version running.
     *
     * @param force allow installing an older version than the installed one
     * @throws PluginRejectedException (400) for a bad JAR, with the reason
     * @throws io.slipway.core.ConflictException (409) same version installed, downgrade without force,
     *     an extension id taken by another plugin, or dependents the new version would break
     * @throws PluginBusyException (409) when running steps keep the old version busy too long
     */
    public PluginInfo install(InputStream jar, boolean force) {
        Objects.requireNonNull(jar, "jar");
        // Staging and reading happen outside the lock: a slow upload blocks nobody.
        try (StagedUpload staged = StagedUpload.stage(jar, stagingDir)) {
            PluginJar read = PluginJar.read(staged.file(), host.versions());
            return write(() -> installer.install(read, staged.sha256(), force)).info();
        }
    }

    public PluginInfo enable(String id) {
        return digests.complete(write(() -> lifecycle.enable(id)));
    }

    /** Stops a plugin and keeps it off across restarts; refused (409) while started plugins depend on it. */
    public PluginInfo disable(String id) {
        return digests.complete(write(() -> lifecycle.disable(id)));
    }

    /** Removes an uploaded plugin; bundled ones (409) can only be disabled. */
    public void uninstall(String id) {
        write(() -> {
            lifecycle.uninstall(id);
            return null;
        });
    }

    /** The extensions of a point (all points when empty), with their names and schemas. */
    public List<ExtensionDetails> extensions(Optional<ExtensionPointId> point) {
        List<RegisteredExtension> registered = point.map(host.registry()::list).orElseGet(host.registry()::all);
        return registered.stream().map(this::details).toList();
    }

    /** An extension's name and schema: as read at its plugin's start, or asked of a core built-in. */
    public ExtensionDetails details(RegisteredExtension ext) {
        Optional<LoadedExtension> loaded = host.plugin(ext.pluginId()).stream()
                .flatMap(p -> p.extensions().stream())
                .filter(e -> e.registered().point() == ext.point() && e.registered().id().equals(ext.id()))
                .findFirst();
        if (loaded.isPresent()) {
            LoadedExtension e = loaded.get();
            return new ExtensionDetails(e.registered(), e.displayName(), e.configSchema());
        }
        return invoker.call(ext, SlipwayExtension.class, e -> new ExtensionDetails(ext, e.displayName(), e.configSchema()));
    }

    /**
     * The extension's own connection test with {@code config} (defaults fill what is missing). A
     * failure inside the plugin is a failed test, not an error; config that fails the schema is.
     */
    public ConnectionCheck testConnection(RegisteredExtension ext, Map<String, ?> config) {
        Config parsed = details(ext).configSchema().parse(config);
        try {
            ConnectionCheck check = invoker.call(ext, SlipwayExtension.class, e -> e.testConnection(parsed));
            return check == null ? ConnectionCheck.failed("The extension returned no result.") : check;
        } catch (StepFailedException e) {
            return ConnectionCheck.failed(e.getMessage());
        }
    }

    /** The wrapper every call into a plugin goes through. */
    public ExtensionInvoker invoker() {
        return invoker;
    }

    /** Stops every plugin (the database keeps their states). */
    @Override
    public void close() {
        writer.lock();
        try {
            if (!closed) {
                closed = true;
                host.close();
            }
        } finally {
            writer.unlock();
        }
    }

    private <T> T write(Supplier<T> change) {
        writer.lock();
        try {
            if (closed) {
                throw new ServiceUnavailableException("Slipway is shutting down; plugins cannot be changed now.");
            }
            return change.get();
        } finally {
            writer.unlock();
        }
    }
}
