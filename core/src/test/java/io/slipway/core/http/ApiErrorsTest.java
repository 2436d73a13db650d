package io.slipway.core.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.core.testing.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ApiErrorsTest {
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(Optional.empty(), 1024);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void healthAnswersUpOnceReady() {
        HttpResponse<String> r = server.get("/api/v1/health");
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("\"status\":\"UP\""), r.body());
    }

    @Test
    void unknownApiRouteIsJson404() {
        HttpResponse<String> r = server.get("/api/v1/no-such-thing");
        assertEquals(404, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertTrue(r.body().startsWith("{\"error\":{\"code\":\"not_found\""), r.body());
    }

    @Test
    void oversizedBodyIs413WithErrorShape() {
        HttpResponse<String> r = server.postJson("/api/v1/health", "x".repeat(5000));
        assertEquals(413, r.statusCode());
        assertTrue(r.body().contains("\"code\":\"payload_too_large\""), r.body());
    }

    @Test
    void chunkedOversizedBodyIs413() {
        // No Content-Length: the limit must catch the body while it is read, on a route that reads it.
        byte[] big = ("{\"name\":\"" + "a".repeat(5000) + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        HttpRequest req = HttpRequest.newBuilder(server.uri("/api/v1/projects"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big)))
                .build();
        HttpResponse<String> r = server.send(req);
        assertEquals(413, r.statusCode(), r.body());
        assertTrue(r.body().contains("\"code\":\"payload_too_large\""), r.body());
        assertFalse(r.body().contains("Exception"), r.body());
    }

    @Test
    void pluginUploadHasItsOwnLargerLimit() {
        HttpRequest req = HttpRequest.newBuilder(server.uri("/api/v1/plugins"))
                .header("Content-Type", "application/java-archive")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[5000]))
                .build();
        HttpResponse<String> r = server.send(req);
        // Past the 1 KiB body limit, yet judged as a plugin upload (wrong media type), not refused as too large.
        assertFalse(r.statusCode() == 413, r.body());
        assertTrue(r.body().contains("\"error\""), r.body());
    }

    @Test
    void wrongMethodIsJson405() {
        HttpResponse<String> r = server.send("DELETE", "/api/v1/health", null);
        assertEquals(405, r.statusCode());
        assertTrue(r.body().contains("\"error\""), r.body());
    }
}
