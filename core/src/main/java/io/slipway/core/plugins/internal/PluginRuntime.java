package io.slipway.core.plugins.internal;

import io.slipway.core.ConflictException;
import io.slipway.core.plugins.ExtensionRegistry;
import io.slipway.core.plugins.PluginRejectedException;
import io.slipway.core.plugins.RegisteredExtension;
import io.slipway.plugin.api.ExtensionPointId;
import io.slipway.plugin.api.SlipwayExtension;
import io.slipway.plugin.api.config.ConfigSchema;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.pf4j.PluginRuntimeException;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts and stops plugins on PF4J and keeps the extension registry in step: a plugin's
 * extensions are created once when it starts and removed before its class loader closes. An
 * activation that fails leaves nothing behind. Not thread-safe: callers hold the writer lock.
 */
public final class PluginRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PluginRuntime.class);

    private final SlipwayPluginManager pf4j;
    private final PluginExtensionFactory factory = new PluginExtensionFactory();
    private final PluginContexts contexts;
    private final ExtensionRegistry registry;

    PluginRuntime(Path pluginsDir, String slipwayVersion, PluginContexts contexts, ExtensionRegistry registry) {
        this.pf4j = new SlipwayPluginManager(pluginsDir, slipwayVersion, factory);
        this.contexts = contexts;
        this.registry = registry;
    }

    /**
     * Loads and starts a plugin and registers its extensions.
     *
     * @throws PluginRejectedException when it cannot load or start, naming the class and reason
     * @throws ConflictException when one of its extension ids is taken by another plugin
     */
    public List<LoadedExtension> activate(PluginJar jar) {
        String id = jar.id();
        if (pf4j.getPlugin(id) != null) {
            throw new IllegalStateException("plugin " + id + " is already loaded; deactivate it first");
        }
        try {
            String loadedId = pf4j.loadPlugin(jar.path());
            if (!loadedId.equals(id) || !pf4j.isResolved(id)) {
                throw new PluginRejectedException("PF4J could not resolve plugin '" + id + "' (its dependencies are "
                        + "missing or of the wrong version); see the server log.");
            }
            ClassLoader loader = pf4j.getPluginClassLoader(id);
            factory.bind(id, contexts.create(id, jar.version()));
            PluginState state = PluginCalls.withContextLoader(loader, () -> pf4j.startPlugin(id));
            if (!state.isStarted()) {
                String pluginClass = jar.manifest().pluginClass().orElse("org.pf4j.Plugin");
                throw new PluginRejectedException("Plugin '" + id + "' failed to start: " + startFailure(pf4j.getPlugin(id)),
                        Map.of("class", pluginClass));
            }
            List<LoadedExtension> extensions = instantiate(jar, loader);
            checkUnique(id, extensions);
            registry.put(id, extensions.stream().map(LoadedExtension::registered).toList());
            LOG.info("Started plugin {} with {} extension(s)", jar.manifest().label(), extensions.size());
            return extensions;
        } catch (PluginRejectedException | ConflictException e) {
            deactivate(id);
            throw e;
        } catch (PluginRuntimeException | IllegalArgumentException | LinkageError e) {
            deactivate(id);
            throw new PluginRejectedException("Plugin '" + id + "' could not be loaded: " + PluginCalls.describe(e));
        } catch (RuntimeException | Error e) {
            deactivate(id);
            throw e;
        }
    }

    /** Removes a plugin's extensions, stops it and closes its class loader; a no-op when not loaded. */
    public void deactivate(String pluginId) {
        registry.remove(pluginId);
        PluginWrapper wrapper = pf4j.getPlugin(pluginId);
        if (wrapper != null) {
            try {
                if (wrapper.getPluginState().isStarted()) {
                    PluginCalls.withContextLoader(wrapper.getPluginClassLoader(), () -> pf4j.stopPlugin(pluginId));
                }
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("Plugin {} failed to stop cleanly; unloading it anyway", pluginId, e);
            }
            try {
                pf4j.unloadPlugin(pluginId);
            } catch (RuntimeException e) {
                LOG.warn("Unloading plugin {} failed", pluginId, e);
            }
        }
        pf4j.forget(pluginId);
        factory.unbind(pluginId);
    }

    /** Stops every plugin, each by id (PF4J's stopPlugins() breaks on its own list). */
    @Override
    public void close() {
        for (PluginWrapper w : new ArrayList<>(pf4j.getStartedPlugins())) {
            deactivate(w.getPluginId());
        }
        for (PluginWrapper w : pf4j.getPlugins()) {
            deactivate(w.getPluginId());
        }
        contexts.close();
    }

    PluginContexts contexts() {
        return contexts;
    }

    private List<LoadedExtension> instantiate(PluginJar jar, ClassLoader loader) {
        List<LoadedExtension> out = new ArrayList<>();
        for (String className : jar.extensionClasses()) {
            Class<?> type;
            try {
                type = Class.forName(className, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                throw classFailed(jar, className, PluginCalls.describe(e));
            }
            List<ExtensionPointId> points = new ArrayList<>();
            for (ExtensionPointId p : ExtensionPointId.values()) {
                if (p.type().isAssignableFrom(type)) {
                    points.add(p);
                }
            }
            if (points.isEmpty()) {
                throw classFailed(jar, className, "it implements no Slipway extension point (one of the interfaces "
                        + "of io.slipway.plugin.api: SourceProvider, Builder, Deployer, HealthChecker, Notifier, ...)");
            }
            SlipwayExtension extension;
            String extensionId;
            String displayName;
            ConfigSchema schema;
            try {
                extension = (SlipwayExtension) PluginCalls.withContextLoader(loader, () -> factory.create(type));
                extensionId = PluginCalls.withContextLoader(loader, extension::id);
                displayName = PluginCalls.withContextLoader(loader, extension::displayName);
                schema = PluginCalls.withContextLoader(loader, extension::configSchema);
            } catch (RuntimeException | LinkageError e) {
                throw classFailed(jar, className, e instanceof PluginRuntimeException && e.getMessage() != null
                        ? e.getMessage().replace(className + " ", "") : PluginCalls.describe(e));
            }
            if (!PluginVersions.isPluginId(extensionId) || displayName == null || schema == null) {
                throw classFailed(jar, className, "its id() must be 1-63 lower-case letters, digits and '-', and "
                        + "displayName() and configSchema() must not be null (id() returned '" + extensionId + "')");
            }
            for (ExtensionPointId p : points) {
                out.add(new LoadedExtension(new RegisteredExtension(p, jar.id(), extension), displayName, schema));
            }
        }
        return out;
    }

    private void checkUnique(String pluginId, List<LoadedExtension> extensions) {
        Set<String> seen = new HashSet<>();
        for (LoadedExtension e : extensions) {
            RegisteredExtension r = e.registered();
            if (!seen.add(r.point().id() + "/" + r.id())) {
                throw new PluginRejectedException("Plugin '" + pluginId + "' has two " + r.point().id()
                        + " extensions with the id '" + r.id() + "': give each its own id.");
            }
            Optional<RegisteredExtension> taken = registry.find(r.point(), r.id())
                    .filter(other -> !other.pluginId().equals(pluginId));
            if (taken.isPresent()) {
                throw new ConflictException("Plugin '" + pluginId + "' provides the " + r.point().id() + " '" + r.id()
                        + "', which " + (taken.get().pluginId().equals(ExtensionRegistry.CORE) ? "Slipway itself"
                        : "plugin '" + taken.get().pluginId() + "'") + " already provides: extension ids are unique per "
                        + "extension point. Disable or uninstall that plugin first, or rename the extension.");
            }
        }
    }

    private static PluginRejectedException classFailed(PluginJar jar, String className, String reason) {
        return new PluginRejectedException("Class " + className + " of plugin '" + jar.id() + "' cannot be used: "
                + reason + ".", Map.of("class", className, "reason", reason));
    }

    private static String startFailure(PluginWrapper wrapper) {
        Throwable e = wrapper == null ? null : wrapper.getFailedException();
        if (e == null) {
            return "PF4J did not start it; see the server log";
        }
        return e instanceof PluginRuntimeException && e.getMessage() != null ? e.getMessage() : PluginCalls.describe(e);
    }
}
