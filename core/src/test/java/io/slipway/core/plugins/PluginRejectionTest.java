package io.slipway.core.plugins;

import static io.slipway.core.plugins.PluginsApiTest.files;
import static io.slipway.core.plugins.PluginsApiTest.json;
import static io.slipway.core.plugins.PluginsApiTest.upload;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.slipway.core.plugins.fixtures.ExplodingNotifier;
import io.slipway.core.testing.TestServer;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each kind of bad plugin JAR is answered 4xx with the API's error shape, and leaves nothing installed. */
class PluginRejectionTest {
    private static TestServer server;

    @TempDir
    Path jars;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @AfterEach
    void nothingIsLeftInstalled() {
        assertEquals(0, json(server.get("/api/v1/plugins")).path("items").size());
        assertEquals(List.of(), files(server.home().resolve("plugins")), "files in SLIPWAY_HOME/plugins");
        assertEquals(List.of(), files(server.home().resolve("tmp")), "staging files left behind");
        ExtensionRegistry registry = server.core().service(ExtensionRegistry.class);
        assertTrue(registry.all().stream().allMatch(e -> e.pluginId().equals(ExtensionRegistry.CORE)), registry.all().toString());
        Jdbi jdbi = server.core().service(Jdbi.class);
        assertEquals(0, count(jdbi, "plugin_states"));
        assertEquals(0, count(jdbi, "plugin_secrets"));
    }

    @Test
    void rejectsAFileThatIsNotAZip() throws IOException {
        Path notZip = Files.writeString(jars.resolve("plugin.jar"), "#!/bin/sh\necho not a jar\n");
        assertRejected(400, notZip, "not a JAR");
    }

    @Test
    void rejectsAZipWithoutDescriptor() throws IOException {
        Path zip = jars.resolve("plain.jar");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("README.txt"));
            out.write("hello".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        assertRejected(400, zip, "no plugin descriptor");
    }

    @Test
    void rejectsAJarWithoutExtensionsIndex() {
        Path jar = PluginJars.rewrite(PluginJars.example(), jars.resolve("no-index.jar"), Map.of(),
                mapOf("META-INF/extensions.idx", null));
        assertRejected(400, jar, "extensions.idx");
    }

    @Test
    void rejectsAnIndexNamingAMissingClass() {
        Path jar = PluginJars.rewrite(PluginJars.example(), jars.resolve("missing-class.jar"), Map.of(),
                Map.of("META-INF/extensions.idx", PluginJars.index(List.of("io.slipway.plugins.example.NoSuchNotifier"))));
        JsonNode error = assertRejected(400, jar, "io.slipway.plugins.example.NoSuchNotifier");
        assertEquals("io.slipway.plugins.example.NoSuchNotifier", error.path("details").path("class").asText());
    }

    @Test
    void rejectsAClassThatFailsToInitialiseNamingClassAndReason() {
        Path jar = PluginJars.build(jars.resolve("exploding.jar"), PluginJars.descriptor("exploding", "1.0.0"),
                List.of(ExplodingNotifier.class), List.of(ExplodingNotifier.class.getName()));
        JsonNode error = assertRejected(400, jar, ExplodingNotifier.class.getName());
        assertTrue(error.path("message").asText().contains("boom in static init"), error.toString());
        // its data folder, made for the attempt, is gone too
        assertEquals(List.of(), files(server.home().resolve("plugin-data")));
    }

    @Test
    void rejectsAnUnmetDependencyListingEachMissingPlugin() {
        Path jar = PluginJars.exampleWith(jars, "needs.jar", Map.of("Plugin-Id", "needs-others",
                "Plugin-Dependencies", "missing-plugin@>=1.0.0, other-missing"));
        JsonNode error = assertRejected(400, jar, "missing-plugin@>=1.0.0");
        assertEquals("unmet_dependency", error.path("code").asText());
        assertEquals("missing-plugin@>=1.0.0", error.path("details").path("missing").path(0).asText());
        assertEquals("other-missing@*", error.path("details").path("missing").path(1).asText());
    }

    @Test
    void rejectsAPluginThatNeedsANewerSlipwayNamingBothVersions() {
        Path jar = PluginJars.exampleWith(jars, "future.jar", Map.of("Plugin-Requires", ">=99.0.0"));
        JsonNode error = assertRejected(400, jar, ">=99.0.0");
        assertTrue(error.path("message").asText().contains("0.1.0"), error.toString());
        assertEquals("incompatible_plugin", error.path("code").asText());
    }

    @Test
    void rejectsAnInvalidPluginIdWithoutTouchingAnyPath() throws IOException {
        Path jar = PluginJars.exampleWith(jars, "evil.jar", Map.of("Plugin-Id", "../evil"));
        assertRejected(400, jar, "not a valid plugin id");
        try (Stream<Path> all = Files.walk(server.home())) {
            assertTrue(all.noneMatch(p -> p.getFileName().toString().contains("evil")));
        }
        assertTrue(Files.notExists(server.home().resolveSibling("evil-" + PluginJars.EXAMPLE_VERSION + ".jar")));
    }

    @Test
    void rejectsAVersionThatIsNotSemVer() {
        Path jar = PluginJars.exampleWith(jars, "latest.jar", Map.of("Plugin-Version", "latest"));
        assertRejected(400, jar, "not a semantic version");
    }

    @Test
    void rejectsTheSameIdAndVersionTwiceWith409() {
        assertEquals(201, upload(server, PluginJars.example()).statusCode());
        try {
            assertRejected(409, PluginJars.example(), "already installed");
            assertEquals(List.of("example-" + PluginJars.EXAMPLE_VERSION + ".jar"), files(server.home().resolve("plugins")));
        } finally {
            assertEquals(204, server.send("DELETE", "/api/v1/plugins/example", null).statusCode());
        }
    }

    @Test
    void rejectsAnExtensionIdAnotherPluginAlreadyProvides() {
        assertEquals(201, upload(server, PluginJars.example()).statusCode());
        try {
            Path clone = PluginJars.exampleWith(jars, "clone.jar", Map.of("Plugin-Id", "example-clone"));
            JsonNode error = assertRejected(409, clone, "plugin 'example' already provides");
            assertTrue(error.path("message").asText().contains("'log'"), error.toString());
            assertEquals(1, json(server.get("/api/v1/plugins")).path("items").size());
            assertEquals("example", server.core().service(ExtensionRegistry.class)
                    .find(io.slipway.plugin.api.ExtensionPointId.NOTIFIER, "log").orElseThrow().pluginId());
        } finally {
            assertEquals(204, server.send("DELETE", "/api/v1/plugins/example", null).statusCode());
        }
    }

    @Test
    void rejectsAnUploadWithoutTheFileField() {
        HttpResponse<String> r = server.send(MultipartUpload.of(server.uri("/api/v1/plugins"), "jar", "x.jar",
                PluginJars.bytes(PluginJars.example())));
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(json(r).path("error").path("details").path("fields").has("file"), r.body());
    }

    private static JsonNode assertRejected(int status, Path jar, String messagePart) {
        HttpResponse<String> r = upload(server, jar);
        assertEquals(status, r.statusCode(), r.body());
        JsonNode error = json(r).path("error");
        assertTrue(error.path("code").isTextual(), r.body());
        assertTrue(error.path("message").asText().contains(messagePart), r.body());
        return error;
    }

    private static int count(Jdbi jdbi, String table) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Integer.class).one());
    }

    private static Map<String, byte[]> mapOf(String key, byte[] value) {
        Map<String, byte[]> m = new HashMap<>();
        m.put(key, value);
        return m;
    }
}
