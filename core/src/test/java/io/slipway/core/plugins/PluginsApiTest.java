package io.slipway.core.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.slipway.core.http.JsonMapper;
import io.slipway.core.plugins.fixtures.QuietNotifier;
import io.slipway.core.testing.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plugin life cycle through the REST API, on a real server, without restarting it. */
class PluginsApiTest {
    private static final long MAX_BODY = 10L * 1024 * 1024;

    @TempDir
    Path jars;

    @Test
    void installsUsesUpgradesDisablesEnablesAndUninstallsWithoutRestart() throws Exception {
        Path v2 = PluginJars.exampleWith(jars, "example-v2.jar", Map.of("Plugin-Version", "0.2.0"));
        try (TestServer server = TestServer.start()) {
            HttpResponse<String> installed = upload(server, PluginJars.example());
            assertEquals(201, installed.statusCode(), installed.body());
            JsonNode plugin = json(installed);
            assertEquals("example", plugin.path("id").asText());
            assertEquals(PluginJars.EXAMPLE_VERSION, plugin.path("version").asText());
            assertEquals("STARTED", plugin.path("state").asText());
            assertEquals("uploaded", plugin.path("origin").asText());
            assertEquals(sha256(PluginJars.example()), plugin.path("sha256").asText());
            assertEquals("notifier", plugin.path("extensions").path(0).path("point").asText());
            assertTrue(installed.headers().firstValue("Location").orElse("").endsWith("/api/v1/plugins/example"));

            JsonNode list = json(server.get("/api/v1/plugins"));
            assertEquals(1, list.path("items").size(), list.toString());
            assertEquals("STARTED", list.path("items").path(0).path("state").asText());

            JsonNode notifiers = json(server.get("/api/v1/extensions?point=notifier"));
            JsonNode log = find(notifiers, "log");
            assertEquals("example", log.path("plugin").asText());
            assertEquals("notifier", log.path("point").asText());
            assertEquals("prefix", log.path("configSchema").path("fields").path(0).path("name").asText());
            assertEquals("text", log.path("configSchema").path("fields").path(0).path("type").asText());
            assertEquals("[deploy]", log.path("configSchema").path("fields").path(0).path("default").asText());

            JsonNode test = json(server.postJson("/api/v1/extensions/notifier/log/test", "{}"));
            assertTrue(test.path("supported").asBoolean() && test.path("ok").asBoolean(), test.toString());
            assertTrue(test.path("message").asText().contains(PluginJars.EXAMPLE_VERSION), test.toString());

            HttpResponse<String> bad = server.postJson("/api/v1/extensions/notifier/log/validate", "{\"prefix\":\"has spaces\"}");
            assertEquals(400, bad.statusCode(), bad.body());
            assertTrue(json(bad).path("error").path("details").path("fields").has("prefix"), bad.body());
            HttpResponse<String> good = server.postJson("/api/v1/extensions/notifier/log/validate", "{\"prefix\":\"[x]\"}");
            assertEquals(200, good.statusCode(), good.body());
            assertTrue(json(good).path("valid").asBoolean());

            HttpResponse<String> upgraded = upload(server, v2);
            assertEquals(201, upgraded.statusCode(), upgraded.body());
            assertEquals("0.2.0", json(upgraded).path("version").asText());
            JsonNode afterUpgrade = json(server.postJson("/api/v1/extensions/notifier/log/test", "{}"));
            assertTrue(afterUpgrade.path("message").asText().contains("0.2.0"), afterUpgrade.toString());
            assertEquals(List.of("example-0.2.0.jar"), files(server.home().resolve("plugins")));

            HttpResponse<String> disabled = server.postJson("/api/v1/plugins/example/disable", "");
            assertEquals(200, disabled.statusCode(), disabled.body());
            assertEquals("DISABLED", json(disabled).path("state").asText());
            assertTrue(find(json(server.get("/api/v1/extensions?point=notifier")), "log").isMissingNode());
            assertEquals(404, server.postJson("/api/v1/extensions/notifier/log/test", "{}").statusCode());

            HttpResponse<String> enabled = server.postJson("/api/v1/plugins/example/enable", "");
            assertEquals(200, enabled.statusCode(), enabled.body());
            assertEquals("STARTED", json(enabled).path("state").asText());
            assertFalse(find(json(server.get("/api/v1/extensions?point=notifier")), "log").isMissingNode());

            HttpResponse<String> removed = server.send("DELETE", "/api/v1/plugins/example", null);
            assertEquals(204, removed.statusCode(), removed.body());
            assertEquals(0, json(server.get("/api/v1/plugins")).path("items").size());
            assertEquals(404, server.get("/api/v1/plugins/example").statusCode());
            assertTrue(find(json(server.get("/api/v1/extensions?point=notifier")), "log").isMissingNode());
            assertEquals(List.of(), files(server.home().resolve("plugins")));
        }
    }

    @Test
    void uploadedPluginsComeBackAfterARestartInTheStateTheyHad() {
        Path quiet = PluginJars.build(jars.resolve("quiet.jar"), PluginJars.descriptor("quiet", "1.0.0"),
                List.of(QuietNotifier.class), List.of(QuietNotifier.class.getName()));
        TestServer first = TestServer.start();
        Path home = first.home();
        try {
            assertEquals(201, upload(first, PluginJars.example()).statusCode());
            assertEquals(201, upload(first, quiet).statusCode());
            assertEquals(200, first.postJson("/api/v1/plugins/example/disable", "").statusCode());
        } finally {
            first.stop();
        }
        try (TestServer second = TestServer.start(home, Optional.empty(), MAX_BODY)) {
            assertEquals("DISABLED", json(second.get("/api/v1/plugins/example")).path("state").asText());
            assertEquals("STARTED", json(second.get("/api/v1/plugins/quiet")).path("state").asText());
            JsonNode notifiers = json(second.get("/api/v1/extensions?point=notifier"));
            assertTrue(find(notifiers, "log").isMissingNode(), notifiers.toString());
            assertFalse(find(notifiers, "quiet").isMissingNode(), notifiers.toString());

            assertEquals("STARTED", json(second.postJson("/api/v1/plugins/example/enable", "")).path("state").asText());
            JsonNode test = json(second.postJson("/api/v1/extensions/notifier/log/test", "{}"));
            assertTrue(test.path("ok").asBoolean(), test.toString());
        }
    }

    @Test
    void unknownExtensionPointIsA400ListingTheValidOnes() {
        try (TestServer server = TestServer.start()) {
            HttpResponse<String> r = server.get("/api/v1/extensions?point=teleporter");
            assertEquals(400, r.statusCode(), r.body());
            assertTrue(r.body().contains("builder") && r.body().contains("notifier"), r.body());
            assertEquals(200, server.get("/api/v1/extensions").statusCode());
        }
    }

    static HttpResponse<String> upload(TestServer server, Path jar) {
        return server.send(MultipartUpload.of(server.uri("/api/v1/plugins"), "file", "plugin.jar", PluginJars.bytes(jar)));
    }

    static JsonNode json(HttpResponse<String> r) {
        try {
            return JsonMapper.create().readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON (" + r.statusCode() + "): " + r.body(), e);
        }
    }

    /** The item with this id in {"items": [...]}, or a missing node. */
    static JsonNode find(JsonNode list, String id) {
        for (JsonNode item : list.path("items")) {
            if (item.path("id").asText().equals(id)) {
                return item;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    static List<String> files(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return new ArrayList<>(s.map(p -> p.getFileName().toString()).sorted().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
