package io.slipway.core.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.core.testing.TestServer;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every answer of the UI/API port carries the security headers, and no template needs the CSP relaxed. */
class SecurityHeadersTest {
    private static final Path TEMPLATES = Path.of("..", "ui-templates", "src", "main", "resources", "templates");
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void everyKindOfAnswerCarriesTheHeaders() {
        for (String path : List.of("/", "/plugins", "/api/v1/health", "/api/v1/projects", "/api/v1/no-such-thing",
                "/static/slipway.css", "/no-such-page", "/hooks/nothing")) {
            HttpResponse<String> r = server.get(path);
            String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
            assertTrue(csp.contains("default-src 'self'"), path + ": " + csp);
            assertTrue(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"), path + ": " + csp);
            assertTrue(csp.contains("style-src 'self'"), path + ": " + csp);
            assertTrue(csp.contains("frame-ancestors 'none'"), path + ": " + csp);
            assertTrue(csp.contains("base-uri 'self'") && csp.contains("form-action 'self'"), path + ": " + csp);
            assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(""), path);
            assertEquals("same-origin", r.headers().firstValue("Referrer-Policy").orElse(""), path);
            assertEquals("DENY", r.headers().firstValue("X-Frame-Options").orElse(""), path);
        }
    }

    @Test
    void noTemplateHasInlineScriptsStylesOrEventHandlers() throws IOException {
        Pattern inline = Pattern.compile("<script(?![^>]*\\bth:src=)[^>]*>|<style\\b|\\sstyle\\s*=|\\sth:style\\s*=|"
                + "\\son[a-z]+\\s*=|\\sth:on[a-z]+\\s*=|javascript:", Pattern.CASE_INSENSITIVE);
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(TEMPLATES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".html")).toList()) {
                Matcher m = inline.matcher(Files.readString(f));
                while (m.find()) {
                    found.add(TEMPLATES.relativize(f) + ": " + m.group());
                }
            }
        }
        assertEquals(List.of(), found, "move these to /static/slipway.js or slipway.css");
    }
}
