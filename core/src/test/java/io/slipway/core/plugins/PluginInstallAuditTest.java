package io.slipway.core.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.slipway.core.testing.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A plugin install, through the API or the plugins page, is audited with the JAR's SHA-256; every listed JAR shows one. */
class PluginInstallAuditTest {
    @Test
    void recordsTheJarsSha256ForApiAndPageInstalls() throws Exception {
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(PluginJars.example())));
        try (TestServer server = TestServer.start()) {
            HttpResponse<String> api = PluginsApiTest.upload(server, PluginJars.example());
            assertEquals(201, api.statusCode(), api.body());
            JsonNode viaApi = PluginsApiTest.json(server.get("/api/v1/audit?action=plugin.install")).path("items").path(0);
            assertEquals("success", viaApi.path("outcome").asText(), viaApi.toString());
            assertEquals("plugin:example", viaApi.path("target").asText(), viaApi.toString());
            assertEquals(sha, viaApi.path("details").path("sha256").asText(), viaApi.toString());
            assertEquals(PluginJars.EXAMPLE_VERSION, viaApi.path("details").path("version").asText());

            assertEquals(204, server.send("DELETE", "/api/v1/plugins/example", null).statusCode());
            HttpResponse<String> page = server.send(MultipartUpload.of(server.uri("/plugins"), "file", "example.jar",
                    PluginJars.bytes(PluginJars.example())));
            assertEquals(303, page.statusCode(), page.body());
            JsonNode viaPage = PluginsApiTest.json(server.get("/api/v1/audit?action=plugin.upload")).path("items").path(0);
            assertEquals(sha, viaPage.path("details").path("sha256").asText(), viaPage.toString());
            HttpResponse<String> listed = server.get("/plugins");
            assertTrue(listed.body().contains(sha), "the plugins page shows the SHA-256: " + listed.statusCode() + " " + listed.body());
        }
    }

    @Test
    void listsTheSha256OfBundledJarsToo() throws Exception {
        java.nio.file.Path bundled = Files.createTempDirectory("slipway-bundled-");
        Files.copy(PluginJars.example(), bundled.resolve("example.jar"));
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(bundled.resolve("example.jar"))));
        try (TestServer server = TestServer.start(Optional.of(bundled), 10L * 1024 * 1024)) {
            JsonNode example = PluginsApiTest.json(server.get("/api/v1/plugins/example"));
            assertEquals("bundled", example.path("origin").asText());
            assertEquals(sha, example.path("sha256").asText(), example.toString());
            HttpResponse<String> listed = server.get("/plugins");
            assertTrue(listed.body().contains(sha), "the plugins page shows the SHA-256: " + listed.statusCode() + " " + listed.body());
        } finally {
            Files.deleteIfExists(bundled.resolve("example.jar"));
            Files.deleteIfExists(bundled);
        }
    }
}
