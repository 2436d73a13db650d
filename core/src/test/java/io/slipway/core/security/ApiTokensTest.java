package io.slipway.core.security;

import static io.slipway.core.security.SecurityFixtures.createUser;
import static io.slipway.core.security.SecurityFixtures.read;
import static io.slipway.core.security.SecurityFixtures.token;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.slipway.core.testing.TestServer;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ApiTokensTest {
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        createUser(server, "carol", "carol-password-1", "admin");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aTokenIsShownOnceStoredHashedAndRecordsItsLastUse() {
        HttpResponse<String> created = server.postJson("/api/v1/users/me/tokens", "{\"name\":\"ci\",\"scope\":\"deploy\"}");
        assertEquals(201, created.statusCode(), created.body());
        String value = read(created).get("token").asText();
        assertTrue(value.length() > 40, value);

        assertEquals(200, server.as(value).get("/api/v1/projects").statusCode());
        JsonNode listed = findToken(read(server.get("/api/v1/users/me/tokens")), "ci");
        assertTrue(listed.get("token").isNull(), "never shown again: " + listed);
        assertFalse(listed.get("lastUsedAt").isNull(), listed.toString());
        assertFalse(server.get("/api/v1/users/me/tokens").body().contains(value));
        long stored = server.core().service(Jdbi.class).withHandle(h -> h.createQuery(
                "SELECT COUNT(*) FROM api_tokens WHERE token_hash = :v").bind("v", value).mapTo(Long.class).one());
        assertEquals(0, stored, "the value itself is not in the database");
    }

    @Test
    void aRevokedTokenIsRefused() {
        String value = token(server, "carol", "carol-password-1", "admin", null);
        TestServer carol = server.as(value);
        assertEquals(200, carol.get("/api/v1/projects").statusCode());
        long id = findToken(read(carol.get("/api/v1/users/me/tokens")), "t-admin").get("id").asLong();
        assertEquals(204, carol.send("DELETE", "/api/v1/users/me/tokens/" + id, null).statusCode());
        HttpResponse<String> after = carol.get("/api/v1/projects");
        assertEquals(401, after.statusCode());
        assertTrue(after.body().contains("revoked"), after.body());
    }

    @Test
    void anExpiredTokenIsRefused() {
        String value = token(server, "carol", "carol-password-1", "read", Instant.now().plus(1, ChronoUnit.DAYS).toString());
        assertEquals(200, server.as(value).get("/api/v1/projects").statusCode());
        // A day passes (in the database: tests do not wait).
        server.core().service(Jdbi.class).useHandle(h -> h.createUpdate(
                "UPDATE api_tokens SET expires_at = :t WHERE name = 't-read'")
                .bind("t", java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).minusMinutes(1)).execute());
        HttpResponse<String> after = server.as(value).get("/api/v1/projects");
        assertEquals(401, after.statusCode());
        assertTrue(after.body().contains("expired"), after.body());
    }

    @Test
    void anUnknownTokenIsRefusedOnTheApiAndOnPages() {
        assertEquals(401, server.as("slp_not-a-token").get("/api/v1/projects").statusCode());
        assertEquals(401, server.as("slp_not-a-token").get("/").statusCode());
    }

    @Test
    void aReadScopeTokenCannotWriteEvenForAnAdmin() {
        String value = token(server, "carol", "carol-password-1", "read", null);
        assertEquals(200, server.as(value).get("/api/v1/projects").statusCode());
        HttpResponse<String> write = server.as(value).postJson("/api/v1/projects", "{\"name\":\"nope\"}");
        assertEquals(403, write.statusCode());
        assertTrue(write.body().contains("read scope"), write.body());
        assertEquals(404, server.get("/api/v1/projects/nope").statusCode());
    }

    @Test
    void badTokenRequestsAreAnsweredWithFieldErrors() {
        assertField(server.postJson("/api/v1/users/me/tokens", "{\"name\":\"\",\"scope\":\"deploy\"}"), "name");
        assertField(server.postJson("/api/v1/users/me/tokens", "{\"name\":\"x\",\"scope\":\"root\"}"), "scope");
        assertField(server.postJson("/api/v1/users/me/tokens", "{\"name\":\"x\",\"expiresAt\":\"tomorrow\"}"), "expiresAt");
        assertField(server.postJson("/api/v1/users/me/tokens", "{\"name\":\"x\",\"expiresAt\":\"2001-01-01T00:00:00Z\"}"), "expiresAt");
        assertEquals(404, server.send("DELETE", "/api/v1/users/me/tokens/999999", null).statusCode());
    }

    private static void assertField(HttpResponse<String> r, String field) {
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(read(r).at("/error/details/fields").has(field), r.body());
    }

    private static JsonNode findToken(JsonNode list, String name) {
        for (JsonNode t : list.get("items")) {
            if (t.get("name").asText().equals(name) && !t.get("revoked").asBoolean()) {
                return t;
            }
        }
        throw new AssertionError("no token " + name + " in " + list);
    }
}
