package io.slipway.core.plugins.internal;

import io.slipway.core.NotFoundException;
import io.slipway.core.config.SlipwayConfig;
import io.slipway.core.plugins.ExtensionRegistry;
import io.slipway.core.plugins.IncompatiblePluginException;
import io.slipway.core.plugins.PluginDependencyInfo;
import io.slipway.core.plugins.UnmetPluginDependencyException;
import io.slipway.core.secrets.SecretCipher;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jdbi.v3.core.Jdbi;

/**
 * What the plugin service's operations share: the table of installed plugins (a copy-on-write
 * snapshot readers never lock), the PF4J runtime, the state table, leases and the checks a plugin
 * must pass before it starts. Mutating methods are called under the service's writer lock only.
 */
public final class PluginHost implements AutoCloseable {
    private final PluginRuntime runtime;
    private final PluginStateStore store;
    private final PluginLeases leases;
    private final PluginVersions versions;
    private final String slipwayVersion;
    private final Path pluginsDir;
    private final Duration drainTimeout;
    private final ExtensionRegistry registry;
    private volatile Map<String, InstalledPlugin> plugins = Map.of();
    private volatile Map<String, PluginJar> bundled = Map.of();

    /**
     * Sets up the plugin machinery (nothing is loaded yet: see {@link #load}).
     *
     * @param drainTimeout how long a change to a plugin waits for running steps to let go of it
     */
    public static PluginHost open(SlipwayConfig config, String slipwayVersion, Jdbi jdbi, ExtensionRegistry registry,
                                  SecretCipher cipher, PluginLeases leases, Duration drainTimeout) {
        PluginContexts contexts = new PluginContexts(config.pluginDataDir(), slipwayVersion, jdbi, cipher);
        PluginRuntime runtime = new PluginRuntime(config.pluginsDir(), slipwayVersion, contexts, registry);
        return new PluginHost(runtime, new PluginStateStore(jdbi), leases, new PluginVersions(), slipwayVersion,
                config.pluginsDir(), drainTimeout, registry);
    }

    /** Loads and starts the bundled and uploaded plugins (see {@link PluginBoot}). */
    public void load(Optional<Path> bundledDir) {
        PluginBoot.load(this, bundledDir);
    }

    private PluginHost(PluginRuntime runtime, PluginStateStore store, PluginLeases leases, PluginVersions versions,
                       String slipwayVersion, Path pluginsDir, Duration drainTimeout, ExtensionRegistry registry) {
        this.runtime = runtime;
        this.store = store;
        this.leases = leases;
        this.versions = versions;
        this.slipwayVersion = slipwayVersion;
        this.pluginsDir = pluginsDir;
        this.drainTimeout = drainTimeout;
        this.registry = registry;
    }

    /** Every installed plugin by id, in id order. */
    public Map<String, InstalledPlugin> plugins() {
        return plugins;
    }

    public Optional<InstalledPlugin> plugin(String id) {
        return Optional.ofNullable(plugins.get(id));
    }

    public InstalledPlugin require(String id) {
        return plugin(id).orElseThrow(() -> new NotFoundException("Plugin", id));
    }

    void put(InstalledPlugin p) {
        Map<String, InstalledPlugin> next = new TreeMap<>(plugins);
        next.put(p.id(), p);
        plugins = Collections.unmodifiableMap(next);
    }

    void drop(String id) {
        Map<String, InstalledPlugin> next = new TreeMap<>(plugins);
        next.remove(id);
        plugins = Collections.unmodifiableMap(next);
    }

    void bundled(Map<String, PluginJar> jars) {
        bundled = Map.copyOf(jars);
    }

    /** The JAR shipped with Slipway for this id, if any (what an uninstalled upload falls back to). */
    Optional<PluginJar> bundledJar(String id) {
        return Optional.ofNullable(bundled.get(id));
    }

    public ExtensionRegistry registry() {
        return registry;
    }

    PluginRuntime runtime() {
        return runtime;
    }

    PluginStateStore store() {
        return store;
    }

    public PluginVersions versions() {
        return versions;
    }

    Path pluginsDir() {
        return pluginsDir;
    }

    PluginLeases.Held drain(List<String> ids) {
        return leases.drain(ids, drainTimeout);
    }

    /**
     * Starts a plugin that passed {@link #checkRunnable} and records it as started.
     *
     * @throws io.slipway.core.SlipwayException saying why it cannot run; the table is unchanged
     */
    InstalledPlugin start(PluginJar jar, PluginOrigin origin, Optional<String> sha256) {
        checkRunnable(jar.manifest());
        InstalledPlugin started = InstalledPlugin.started(jar, origin, sha256, runtime.activate(jar));
        put(started);
        return started;
    }

    /** Stops a plugin and records it in its new, non-started state. */
    void stop(InstalledPlugin now) {
        runtime.deactivate(now.id());
        put(now);
    }

    /** The running Slipway satisfies its Plugin-Requires, and every required plugin is started. */
    void checkRunnable(PluginManifest m) {
        if (!versions.admits(m.requires(), slipwayVersion)) {
            throw new IncompatiblePluginException(m.id(), m.requires(), slipwayVersion);
        }
        List<String> missing = new ArrayList<>();
        for (PluginDependencyInfo d : m.dependencies()) {
            InstalledPlugin dep = plugins.get(d.id());
            boolean started = dep != null && dep.isStarted();
            if ((started && !versions.satisfies(dep.version(), d.versionRange())) || (!started && !d.optional())) {
                missing.add(d.label());
            }
        }
        if (!missing.isEmpty()) {
            throw new UnmetPluginDependencyException(m.id(), missing);
        }
    }

    /** Started plugins that depend on {@code id}, directly or not, in the order they must start. */
    List<InstalledPlugin> startedDependents(String id) {
        Set<String> found = new LinkedHashSet<>();
        List<String> todo = new ArrayList<>(List.of(id));
        while (!todo.isEmpty()) {
            String current = todo.remove(0);
            for (InstalledPlugin p : plugins.values()) {
                if (p.isStarted() && dependsOn(p, current) && found.add(p.id())) {
                    todo.add(p.id());
                }
            }
        }
        List<InstalledPlugin> ordered = new ArrayList<>();
        Set<String> placed = new LinkedHashSet<>(List.of(id));
        boolean progress = true;
        while (ordered.size() < found.size() && progress) {
            progress = false;
            for (String f : found) {
                InstalledPlugin p = plugins.get(f);
                if (!placed.contains(f) && p.jar().manifest().dependencies().stream()
                        .allMatch(d -> placed.contains(d.id()) || !found.contains(d.id()))) {
                    ordered.add(p);
                    placed.add(f);
                    progress = true;
                }
            }
        }
        return ordered;
    }

    static boolean dependsOn(InstalledPlugin p, String id) {
        return p.jar().manifest().dependencies().stream().anyMatch(d -> d.id().equals(id));
    }

    static Optional<PluginDependencyInfo> dependencyOn(InstalledPlugin p, String id) {
        return p.jar().manifest().dependencies().stream().filter(d -> d.id().equals(id)).findFirst();
    }

    PluginStateStore.Row row(InstalledPlugin p, boolean enabled) {
        return new PluginStateStore.Row(p.id(), p.version(), enabled, p.origin(),
                Optional.of(p.jar().path().getFileName().toString()), p.sha256());
    }

    @Override
    public void close() {
        runtime.close();
        plugins = Map.of();
    }
}
