package io.slipway.core.pages;

import io.slipway.core.pages.internal.ContextPathLinkBuilder;
import io.slipway.core.pages.internal.PluginTemplateResolver;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders the server-side pages. The Thymeleaf engine is built once and is frozen after its first
 * use, so the resolver chain is decided here, up front: the core's templates from the class path
 * ({@code templates/*.html}, the ui-templates JAR), then templates plugins contribute, addressed
 * as {@code plugins/<plugin id>/<name>} (see {@link #pluginTemplates()}).
 */
public final class PageRenderer {
    /** Model key of the context path, for {@code @{/...}} links. */
    public static final String CONTEXT_PATH = ContextPathLinkBuilder.CONTEXT_PATH;

    private final TemplateEngine engine = new TemplateEngine();
    private final PluginTemplateResolver pluginTemplates = new PluginTemplateResolver(2);
    private final String version;

    public PageRenderer(String version) {
        this.version = Objects.requireNonNull(version, "version");
        ClassLoaderTemplateResolver core = new ClassLoaderTemplateResolver(PageRenderer.class.getClassLoader());
        core.setName("core");
        core.setOrder(1);
        core.setPrefix("templates/");
        core.setSuffix(".html");
        core.setTemplateMode(TemplateMode.HTML);
        core.setCharacterEncoding(StandardCharsets.UTF_8.name());
        core.setCacheable(true);
        // Lets a name the core does not have fall through to the plugins' resolver.
        core.setCheckExistence(true);
        engine.addTemplateResolver(core);
        engine.addTemplateResolver(pluginTemplates);
        engine.setLinkBuilder(new ContextPathLinkBuilder());
    }

    /** Where a plugin's class loader is registered when it starts and removed before it closes. */
    public PluginTemplateResolver pluginTemplates() {
        return pluginTemplates;
    }

    /** The server version shown in the footer. */
    public String version() {
        return version;
    }

    /** Renders a whole page; the model's values are escaped wherever templates use {@code th:text}. */
    public String render(String template, Map<String, Object> model) {
        Objects.requireNonNull(template, "template");
        Context context = new Context(Locale.ENGLISH);
        context.setVariables(model);
        context.setVariable("version", version);
        return engine.process(template, context);
    }
}
