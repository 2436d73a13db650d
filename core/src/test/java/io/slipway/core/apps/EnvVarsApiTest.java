package io.slipway.core.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.slipway.core.http.JsonMapper;
import io.slipway.core.testing.TestServer;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EnvVarsApiTest {
    private static final String SECRET = "s3cr3t-db-password-789";
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        server.postJson("/api/v1/projects", "{\"name\":\"shop\"}");
        assertEquals(201, server.postJson("/api/v1/apps",
                "{\"project\":\"shop\",\"name\":\"web\",\"env\":{\"LOG_LEVEL\":\"info\"}}").statusCode());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void envGivenAtCreationIsPlain() throws IOException {
        JsonNode items = json(server.get("/api/v1/apps/web/env")).get("items");
        JsonNode log = find(items, "LOG_LEVEL");
        assertEquals("info", log.get("value").asText());
        assertFalse(log.get("secret").asBoolean());
        assertFalse(log.get("buildTime").asBoolean());
    }

    @Test
    void secretValueIsEncryptedAndNeverReturned() throws IOException {
        HttpResponse<String> put = server.send("PUT", "/api/v1/apps/web/env/DB_PASSWORD",
                "{\"value\":\"" + SECRET + "\",\"secret\":true}");
        assertEquals(200, put.statusCode(), put.body());
        assertFalse(json(put).has("value"));
        HttpResponse<String> list = server.get("/api/v1/apps/web/env");
        assertFalse(list.body().contains(SECRET), list.body());
        assertTrue(find(json(list).get("items"), "DB_PASSWORD").get("secret").asBoolean());
        String stored = server.core().service(Jdbi.class).withHandle(h -> h.createQuery(
                "SELECT var_value FROM env_vars WHERE name = 'DB_PASSWORD'").mapTo(String.class).one());
        assertFalse(stored.contains(SECRET));
        assertTrue(stored.startsWith("v1:"));
        EnvVar resolved = server.core().service(EnvVarService.class).resolved("web").stream()
                .filter(v -> v.name().equals("DB_PASSWORD")).findFirst().orElseThrow();
        assertEquals(SECRET, resolved.value());
        assertFalse(resolved.toString().contains(SECRET));
    }

    @Test
    void secretFlagsChangeWithoutResendingValue() throws IOException {
        server.send("PUT", "/api/v1/apps/web/env/API_KEY", "{\"value\":\"k-123\",\"secret\":true}");
        HttpResponse<String> r = server.send("PUT", "/api/v1/apps/web/env/API_KEY", "{\"secret\":true,\"buildTime\":true}");
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(json(r).get("buildTime").asBoolean());
        assertTrue(server.core().service(EnvVarService.class).resolved("web").contains(new EnvVar("API_KEY", "k-123", true, true)));
    }

    @Test
    void patchEnvKeepsSecretFlagOfExistingVariable() {
        server.send("PUT", "/api/v1/apps/web/env/TOKEN", "{\"value\":\"old\",\"secret\":true}");
        HttpResponse<String> r = server.send("PATCH", "/api/v1/apps/web", "{\"env\":{\"TOKEN\":\"new-token-value\"}}");
        assertEquals(200, r.statusCode(), r.body());
        assertFalse(server.get("/api/v1/apps/web/env").body().contains("new-token-value"));
        assertTrue(server.core().service(EnvVarService.class).resolved("web").contains(new EnvVar("TOKEN", "new-token-value", true, false)));
    }

    @Test
    void plainValueCanBeReplacedAndDeleted() throws IOException {
        assertEquals(200, server.send("PUT", "/api/v1/apps/web/env/PORT", "{\"value\":\"8080\"}").statusCode());
        assertEquals("9090", json(server.send("PUT", "/api/v1/apps/web/env/PORT", "{\"value\":\"9090\"}")).get("value").asText());
        assertEquals(204, server.send("DELETE", "/api/v1/apps/web/env/PORT", null).statusCode());
        HttpResponse<String> again = server.send("DELETE", "/api/v1/apps/web/env/PORT", null);
        assertEquals(404, again.statusCode());
        assertEquals("not_found", json(again).at("/error/code").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1ABC", "A-B", "A.B", "%C3%84"})
    void rejectsBadVariableName(String name) throws IOException {
        HttpResponse<String> r = server.send("PUT", "/api/v1/apps/web/env/" + name, "{\"value\":\"x\"}");
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(json(r).at("/error/details/fields").has("name"), r.body());
    }

    @Test
    void rejectsMissingValue() throws IOException {
        HttpResponse<String> r = server.send("PUT", "/api/v1/apps/web/env/EMPTY", "{\"buildTime\":true}");
        assertEquals(400, r.statusCode());
        assertTrue(json(r).at("/error/details/fields").has("value"), r.body());
    }

    @Test
    void unknownAppIs404() {
        assertEquals(404, server.get("/api/v1/apps/nowhere/env").statusCode());
        assertEquals(404, server.send("PUT", "/api/v1/apps/nowhere/env/X", "{\"value\":\"x\"}").statusCode());
        assertEquals(404, server.get("/api/v1/apps/nowhere/environments").statusCode());
    }

    @Test
    void appStartsWithProductionAndTakesMoreEnvironments() throws IOException {
        server.postJson("/api/v1/apps", "{\"project\":\"shop\",\"name\":\"staged\"}");
        JsonNode first = json(server.get("/api/v1/apps/staged/environments"));
        assertEquals("production", first.at("/items/0/name").asText());
        HttpResponse<String> created = server.postJson("/api/v1/apps/staged/environments", "{\"name\":\"staging\"}");
        assertEquals(201, created.statusCode(), created.body());
        assertEquals(List.of("production", "staging"), names(json(server.get("/api/v1/apps/staged/environments")).get("items")));
        assertEquals(409, server.postJson("/api/v1/apps/staged/environments", "{\"name\":\"staging\"}").statusCode());
        HttpResponse<String> bad = server.postJson("/api/v1/apps/staged/environments", "{\"name\":\"Staging!\"}");
        assertEquals(400, bad.statusCode());
        assertTrue(json(bad).at("/error/details/fields").has("name"));
    }

    private static List<String> names(JsonNode items) {
        List<String> out = new java.util.ArrayList<>();
        items.forEach(i -> out.add(i.get("name").asText()));
        return out;
    }

    private static JsonNode find(JsonNode items, String name) {
        for (JsonNode i : items) {
            if (i.get("name").asText().equals(name)) {
                return i;
            }
        }
        throw new AssertionError(name + " not in " + items);
    }

    private static JsonNode json(HttpResponse<String> r) throws IOException {
        return JsonMapper.create().readTree(r.body());
    }
}
