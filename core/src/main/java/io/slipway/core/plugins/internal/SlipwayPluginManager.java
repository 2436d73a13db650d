package io.slipway.core.plugins.internal;

import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import org.pf4j.ExtensionFactory;
import org.pf4j.JarPluginLoader;
import org.pf4j.JarPluginManager;
import org.pf4j.Plugin;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginFactory;
import org.pf4j.PluginLoader;
import org.pf4j.PluginRuntimeException;
import org.pf4j.PluginStatusProvider;
import org.pf4j.PluginWrapper;
import org.pf4j.RuntimeMode;

/**
 * PF4J configured for Slipway: JAR plugins only, Slipway's class loader, the system version set
 * (so {@code Plugin-Requires} is checked), a resolve strategy that drops one broken plugin instead
 * of failing all, no status files (the database keeps enabled flags) and no development mode.
 * Not thread-safe, like PF4J: only {@link PluginRuntime} calls it, under the plugin service's lock.
 */
final class SlipwayPluginManager extends JarPluginManager {

    SlipwayPluginManager(Path pluginsRoot, String systemVersion, ExtensionFactory extensions) {
        super(pluginsRoot);
        // initialize() ran in the super constructor, before this class's fields could be used.
        this.extensionFactory = extensions;
        setSystemVersion(systemVersion);
        setResolveRecoveryStrategy(ResolveRecoveryStrategy.IGNORE_PLUGIN_AND_CONTINUE);
    }

    @Override
    public RuntimeMode getRuntimeMode() {
        return RuntimeMode.DEPLOYMENT;
    }

    boolean isResolved(String pluginId) {
        return resolvedPlugins.stream().anyMatch(w -> w.getPluginId().equals(pluginId));
    }

    /**
     * Drops what PF4J may still hold of an unloaded plugin: when {@code Plugin.stop()} threw, PF4J
     * unloads it but leaves it in its started list, which would keep its class loader alive.
     */
    void forget(String pluginId) {
        startedPlugins.removeIf(w -> w.getPluginId().equals(pluginId));
        resolvedPlugins.removeIf(w -> w.getPluginId().equals(pluginId));
        unresolvedPlugins.removeIf(w -> w.getPluginId().equals(pluginId));
    }

    @Override
    protected PluginLoader createPluginLoader() {
        return new JarPluginLoader(this) {
            @Override
            protected PluginClassLoader createPluginClassLoader(Path pluginPath, PluginDescriptor descriptor) {
                return new SlipwayPluginClassLoader(pluginManager, descriptor, SlipwayPluginManager.class.getClassLoader());
            }
        };
    }

    @Override
    protected PluginStatusProvider createPluginStatusProvider() {
        return new PluginStatusProvider() {
            @Override
            public boolean isPluginDisabled(String pluginId) {
                return false; // disabled plugins are never loaded
            }

            @Override
            public void disablePlugin(String pluginId) {
                // enabled flags live in the plugin_states table
            }

            @Override
            public void enablePlugin(String pluginId) {
                // enabled flags live in the plugin_states table
            }
        };
    }

    @Override
    protected PluginFactory createPluginFactory() {
        return SlipwayPluginManager::createPlugin;
    }

    /**
     * Makes the Plugin-Class instance, or throws saying why (PF4J's default factory logs and
     * returns null, which fails later with a NullPointerException). Only a public no-argument
     * constructor is used: the PluginWrapper one would hand the plugin the plugin manager.
     */
    private static Plugin createPlugin(PluginWrapper wrapper) {
        String className = wrapper.getDescriptor().getPluginClass();
        try {
            Class<?> type = Class.forName(className, true, wrapper.getPluginClassLoader());
            if (!Plugin.class.isAssignableFrom(type) || Modifier.isAbstract(type.getModifiers())) {
                throw new PluginRuntimeException("Plugin-Class {} is not a concrete subclass of org.pf4j.Plugin", className);
            }
            Constructor<?> constructor = type.getConstructor();
            return (Plugin) constructor.newInstance();
        } catch (NoSuchMethodException e) {
            throw new PluginRuntimeException("Plugin-Class {} needs a public no-argument constructor", className);
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new PluginRuntimeException(e, "Plugin-Class {} could not be created: {}", className, PluginCalls.describe(e));
        }
    }
}
