package io.slipway.core.plugins.internal;

import org.pf4j.ClassLoadingStrategy;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginManager;

/**
 * A plugin's class loader: plugin first (then the plugins it depends on, then the server), so a
 * plugin can bring its own library versions; but the SDK ({@code io.slipway.plugin.api}), PF4J and
 * SLF4J always come from the server, so the types a plugin and the server exchange are the same
 * classes. Decided once: changing it would break every plugin.
 */
public final class SlipwayPluginClassLoader extends PluginClassLoader {
    private static final String[] HOST_PACKAGES = {"io.slipway.plugin.api.", "org.pf4j.", "org.slf4j."};

    private final String pluginId;

    SlipwayPluginClassLoader(PluginManager manager, PluginDescriptor descriptor, ClassLoader parent) {
        super(manager, descriptor, parent, ClassLoadingStrategy.PDA);
        this.pluginId = descriptor.getPluginId();
    }

    /** The plugin whose classes this loader defines. */
    public String pluginId() {
        return pluginId;
    }

    @Override
    protected boolean shouldDelegateToParent(String className) {
        for (String p : HOST_PACKAGES) {
            if (className.startsWith(p)) {
                return !className.startsWith("org.pf4j.test");
            }
        }
        return false;
    }
}
