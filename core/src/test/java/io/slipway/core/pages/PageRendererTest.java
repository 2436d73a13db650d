package io.slipway.core.pages;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.thymeleaf.exceptions.TemplateInputException;

class PageRendererTest {
    private final PageRenderer renderer = new PageRenderer("9.9.9");

    @Test
    void rendersACoreTemplateInTheLayoutWithVersionAndContextPath() {
        String html = renderer.render("not-found", Map.of("contextPath", "/slipway"));
        assertTrue(html.contains("Slipway <span>9.9.9</span>"), html);
        assertTrue(html.contains("href=\"/slipway/static/slipway.css\""), html);
        assertTrue(html.contains("href=\"/slipway/plugins\""), html);
    }

    @Test
    void escapesModelText() {
        String html = renderer.render("error", Map.of("title", "<b>x</b>", "message", "a & \"b\""));
        assertTrue(html.contains("&lt;b&gt;x&lt;/b&gt;"), html);
        assertTrue(html.contains("a &amp; &quot;b&quot;"), html);
    }

    @Test
    void rendersAPluginsTemplateOnlyWhileItsClassLoaderIsAdded(@TempDir Path dir) throws Exception {
        Path templates = Files.createDirectories(dir.resolve("slipway-templates"));
        Files.writeString(templates.resolve("hello.html"), "<p th:text=\"${who}\">x</p>");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
            renderer.pluginTemplates().add("demo", loader);
            assertTrue(renderer.render("plugins/demo/hello", Map.of("who", "plugin")).contains("<p>plugin</p>"));
            renderer.pluginTemplates().remove("demo");
            assertThrows(TemplateInputException.class, () -> renderer.render("plugins/demo/hello", Map.of("who", "x")));
        }
    }

    @Test
    void pluginTemplateNamesCannotLeaveTheirFolder() {
        renderer.pluginTemplates().add("demo", getClass().getClassLoader());
        assertThrows(TemplateInputException.class, () -> renderer.render("plugins/demo/../../templates/layout", Map.of()));
    }
}
