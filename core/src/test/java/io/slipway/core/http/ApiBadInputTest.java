package io.slipway.core.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.slipway.core.testing.TestServer;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One test per kind of bad input the projects and apps API handles, through HTTP. */
class ApiBadInputTest {
    private static final long MAX_BODY = 4096;
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(Optional.empty(), MAX_BODY);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void malformedJsonIs400WithLineAndColumn() throws IOException {
        HttpResponse<String> r = server.postJson("/api/v1/projects", "{\n  \"name\": \"shop\",,\n}");
        assertEquals(400, r.statusCode());
        JsonNode error = json(r).get("error");
        assertEquals("malformed_json", error.get("code").asText());
        assertEquals(2, error.at("/details/line").asInt());
        assertTrue(error.at("/details/column").asInt() > 0, r.body());
    }

    @Test
    void unknownBodyFieldIs400NamingIt() throws IOException {
        HttpResponse<String> r = server.postJson("/api/v1/projects", "{\"name\":\"shop\",\"nmae\":\"x\"}");
        assertEquals(400, r.statusCode());
        assertTrue(json(r).at("/error/message").asText().contains("'nmae'"), r.body());
    }

    @Test
    void wrongJsonTypeIs400NamingField() throws IOException {
        HttpResponse<String> r = server.postJson("/api/v1/apps", "{\"project\":\"shop\",\"name\":\"web\",\"env\":[1]}");
        assertEquals(400, r.statusCode());
        assertEquals("env", json(r).at("/error/details/field").asText(), r.body());
    }

    @Test
    void oversizedBodyIs413() throws IOException {
        String big = "{\"name\":\"" + "a".repeat((int) MAX_BODY * 2) + "\"}";
        HttpResponse<String> r = server.postJson("/api/v1/projects", big);
        assertEquals(413, r.statusCode());
        assertEquals("payload_too_large", json(r).at("/error/code").asText());
    }

    @Test
    void wrongContentTypeIsJson415() throws IOException {
        HttpResponse<String> r = server.send(HttpRequest.newBuilder(server.uri("/api/v1/projects"))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("name=shop")).build());
        assertEquals(415, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertTrue(json(r).get("error").has("code"), r.body());
    }

    @Test
    void unknownAppIsJson404() throws IOException {
        HttpResponse<String> r = server.get("/api/v1/apps/ghost");
        assertEquals(404, r.statusCode());
        assertEquals("not_found", json(r).at("/error/code").asText());
        assertTrue(json(r).at("/error/message").asText().contains("'ghost'"));
    }

    private static JsonNode json(HttpResponse<String> r) throws IOException {
        return JsonMapper.create().readTree(r.body());
    }
}
