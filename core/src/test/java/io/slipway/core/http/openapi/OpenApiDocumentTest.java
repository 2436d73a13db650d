package io.slipway.core.http.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.slipway.core.http.JsonMapper;
import io.slipway.core.testing.TestServer;
import java.io.IOException;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OpenApiDocumentTest {
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
    void servesOpenApi3DocumentOfTheRegisteredResources() throws IOException {
        HttpResponse<String> r = server.get("/api/v1/openapi.json");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonNode doc = JsonMapper.create().readTree(r.body());
        assertTrue(doc.get("openapi").asText().startsWith("3."), doc.get("openapi").asText());
        assertEquals("Slipway", doc.at("/info/title").asText());
        assertEquals(server.core().service(io.slipway.core.server.Startup.class).version(), doc.at("/info/version").asText());
        JsonNode paths = doc.get("paths");
        for (String path : new String[] {"/projects", "/projects/{name}", "/apps", "/apps/{app}", "/apps/{app}/env/{name}",
                "/apps/{app}/environments", "/health"}) {
            assertTrue(paths.has(path), path + " missing from " + paths.fieldNames());
        }
        assertTrue(paths.at("/~1apps~1{app}").has("patch"));
        assertFalse(paths.has("/openapi.json"));
        assertFalse(r.body().contains("application.wadl"));
    }

    @Test
    void documentIsBuiltOnce() {
        OpenApiDocument doc = server.core().service(OpenApiDocument.class);
        assertSame(doc.json(), doc.json());
    }
}
