package io.slipway.core.plugins.internal;

import io.slipway.plugin.api.PluginContext;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.pf4j.ExtensionFactory;
import org.pf4j.PluginRuntimeException;

/**
 * Creates extension instances, handing each its plugin's {@link PluginContext} through a public
 * {@code (PluginContext)} constructor, or else using the public no-argument one. The plugin is
 * told by the class loader that defined the class.
 */
final class PluginExtensionFactory implements ExtensionFactory {
    private final Map<String, PluginContext> contexts = new ConcurrentHashMap<>();

    void bind(String pluginId, PluginContext context) {
        contexts.put(pluginId, context);
    }

    void unbind(String pluginId) {
        contexts.remove(pluginId);
    }

    @Override
    public <T> T create(Class<T> extensionClass) {
        PluginContext context = extensionClass.getClassLoader() instanceof SlipwayPluginClassLoader loader
                ? contexts.get(loader.pluginId()) : null;
        try {
            if (context != null) {
                try {
                    Constructor<T> withContext = extensionClass.getConstructor(PluginContext.class);
                    return withContext.newInstance(context);
                } catch (NoSuchMethodException noContextConstructor) {
                    // fall through to the no-argument constructor
                }
            }
            return extensionClass.getConstructor().newInstance();
        } catch (NoSuchMethodException e) {
            throw new PluginRuntimeException("{} needs a public constructor taking a PluginContext, or a public "
                    + "no-argument one", extensionClass.getName());
        } catch (InvocationTargetException e) {
            throw new PluginRuntimeException(e.getCause(), "{} could not be created: {}", extensionClass.getName(),
                    PluginCalls.describe(e.getCause()));
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new PluginRuntimeException(e, "{} could not be created: {}", extensionClass.getName(), PluginCalls.describe(e));
        }
    }
}
