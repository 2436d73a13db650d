package io.slipway.core.pages.internal;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.thymeleaf.IEngineConfiguration;
import org.thymeleaf.cache.NonCacheableCacheEntryValidity;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ITemplateResolver;
import org.thymeleaf.templateresolver.TemplateResolution;
import org.thymeleaf.templateresource.ClassLoaderTemplateResource;

/**
 * Templates a plugin ships in its JAR under {@code slipway-templates/}, addressed as
 * {@code plugins/<plugin id>/<name>}. Plugins come and go while the engine stays, so this
 * resolver is in the chain from the start and looks the plugin up on each resolution; its
 * templates are not cached, so nothing holds a stopped plugin's class loader.
 */
public final class PluginTemplateResolver implements ITemplateResolver {
    private static final Pattern NAME = Pattern.compile("plugins/([a-z0-9][a-z0-9-]*)/([A-Za-z0-9_-]+(?:/[A-Za-z0-9_-]+)*)");

    private final Map<String, ClassLoader> loaders = new ConcurrentHashMap<>();
    private final int order;

    public PluginTemplateResolver(int order) {
        this.order = order;
    }

    /** Makes a started plugin's templates available. */
    public void add(String pluginId, ClassLoader loader) {
        loaders.put(Objects.requireNonNull(pluginId, "pluginId"), Objects.requireNonNull(loader, "loader"));
    }

    /** Forgets a plugin before its class loader closes. */
    public void remove(String pluginId) {
        loaders.remove(pluginId);
    }

    @Override
    public String getName() {
        return "plugins";
    }

    @Override
    public Integer getOrder() {
        return order;
    }

    @Override
    public TemplateResolution resolveTemplate(IEngineConfiguration configuration, String ownerTemplate,
                                              String template, Map<String, Object> attributes) {
        Matcher m = NAME.matcher(template);
        if (!m.matches()) {
            return null;
        }
        ClassLoader loader = loaders.get(m.group(1));
        if (loader == null) {
            return null;
        }
        ClassLoaderTemplateResource resource =
                new ClassLoaderTemplateResource(loader, "slipway-templates/" + m.group(2) + ".html", "UTF-8");
        if (!resource.exists()) {
            return null;
        }
        return new TemplateResolution(resource, true, TemplateMode.HTML, false, NonCacheableCacheEntryValidity.INSTANCE);
    }
}
