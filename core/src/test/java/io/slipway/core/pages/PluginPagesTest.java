package io.slipway.core.pages;

import io.slipway.core.testing.PageForms;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.slipway.core.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The plugins page: uploading a JAR through its form, the lifecycle buttons, refusals shown on top. */
class PluginPagesTest {
    /** The example plugin the reactor builds before core. */
    private static final Path EXAMPLE = Path.of("..", "plugins", "example", "target", "example-0.1.0-SNAPSHOT.jar");
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> upload(String fileName, byte[] content) {
        String boundary = "----slipway-test-boundary";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/java-archive\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return server.send(HttpRequest.newBuilder(server.uri("/plugins"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build());
    }

    private static byte[] exampleJar() throws IOException {
        if (!Files.isRegularFile(EXAMPLE)) {
            fail("The example plugin JAR is missing at " + EXAMPLE.toAbsolutePath().normalize()
                    + ": build it first with `cd /work/main && mvn -q -pl plugins/example install`.");
        }
        return Files.readAllBytes(EXAMPLE);
    }

    @Test
    void uploadedPluginIsListedWithWhatItContributesThenDisabledEnabledAndUninstalled() throws IOException {
        HttpResponse<String> r = upload("example.jar", exampleJar());
        assertEquals(303, r.statusCode(), r.body());
        assertEquals(server.uri("/plugins?done=plugin-installed&name=example").toString(),
                r.headers().firstValue("Location").orElseThrow());

        String page = server.get("/plugins?done=plugin-installed&name=example").body();
        assertTrue(page.contains("Plugin example installed."), page);
        assertTrue(page.contains("<h2>example</h2>"), page);
        assertTrue(page.contains("0.1.0-SNAPSHOT"), page);
        assertTrue(page.contains(">started</span>"), page);
        assertTrue(page.contains("<strong>notifier</strong>"), page);
        assertTrue(page.contains("(log)"), page);
        assertTrue(page.contains("SHA-256"), page);

        // "Check" runs each extension's own connection test and shows what it says.
        HttpResponse<String> checked = PageForms.post(server, "/plugins/example/check");
        assertEquals(200, checked.statusCode(), checked.body());
        assertTrue(checked.body().contains("notifier log: OK, example plugin 0.1.0-SNAPSHOT writes to the server log"),
                checked.body());

        assertEquals(303, PageForms.post(server, "/plugins/example/disable").statusCode());
        page = server.get("/plugins").body();
        assertTrue(page.contains(">disabled</span>"), page);
        assertTrue(page.contains("action=\"/plugins/example/enable\""), page);

        assertEquals(303, PageForms.post(server, "/plugins/example/enable").statusCode());
        assertTrue(server.get("/plugins").body().contains(">started</span>"));

        assertEquals(303, PageForms.post(server, "/plugins/example/uninstall").statusCode());
        assertFalse(server.get("/plugins").body().contains("<h2>example</h2>"));
    }

    @Test
    void badJarIsRefusedWithTheReasonAtTheTop() {
        HttpResponse<String> r = upload("broken.jar", "not a jar at all".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(r.body().contains("class=\"flash flash-error\""), r.body());
        assertTrue(r.body().contains("broken.jar: "), r.body());
    }

    @Test
    void uploadWithoutAFileAsksForOne() {
        HttpResponse<String> r = upload("", new byte[0]);
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.body().contains("Choose a plugin JAR file to upload."), r.body());
    }

    @Test
    void changingAnUnknownPluginShowsWhyOnThePage() {
        HttpResponse<String> r = PageForms.post(server, "/plugins/ghost/enable");
        assertEquals(404, r.statusCode(), r.body());
        assertTrue(r.body().contains("ghost: "), r.body());
    }
}
