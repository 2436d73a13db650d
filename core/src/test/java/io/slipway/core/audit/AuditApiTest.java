package io.slipway.core.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.slipway.core.http.JsonMapper;
import io.slipway.core.testing.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Mutating requests land in the audit log; GET /api/v1/audit and /audit list and filter it. */
class AuditApiTest {
    private static final String SECRET = "hunter2-very-secret-value";
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        ok(server.postJson("/api/v1/projects", "{\"name\":\"audited\"}"), 201);
        ok(server.postJson("/api/v1/apps", "{\"project\":\"audited\",\"name\":\"ledger\"}"), 201);
        ok(server.send("PUT", "/api/v1/apps/ledger/env/DB_PASSWORD", "{\"value\":\"" + SECRET + "\",\"secret\":true}"), 200);
        ok(server.postJson("/api/v1/projects", "{\"name\":\"Not A Label!\"}"), 400);
        ok(server.send("DELETE", "/api/v1/apps/no-such-app", null), 404);
        ok(server.get("/api/v1/projects"), 200);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void recordsEachMutatingRequestWithActionTargetAddressAndOutcome() {
        JsonNode created = only("project.create", "success");
        assertEquals("project:audited", created.path("target").asText());
        assertEquals("127.0.0.1", created.path("ip").asText());
        assertFalse(created.path("actor").asText().isBlank());
        assertEquals("POST", created.path("details").path("method").asText());
        assertEquals("201", created.path("details").path("status").asText());
        assertTrue(Instant.parse(created.path("at").asText()).isAfter(Instant.now().minusSeconds(600)));

        assertEquals("app:ledger", only("app.create", "success").path("target").asText());
        assertEquals("app:no-such-app", only("app.delete", "failure").path("target").asText());
        assertEquals("400", only("project.create", "failure").path("details").path("status").asText());
    }

    @Test
    void recordsASecretChangeButNeverItsValue() {
        JsonNode put = only("env-var.put", "success");
        assertEquals("app:ledger/env:DB_PASSWORD", put.path("target").asText());
        assertEquals("true", put.path("details").path("secret").asText(), put.toString());
        assertFalse(server.get("/api/v1/audit?limit=200").body().contains(SECRET));
        assertFalse(server.get("/audit").body().contains(SECRET));
    }

    @Test
    void recordsNoReads() {
        JsonNode all = json(server.get("/api/v1/audit?limit=200")).path("items");
        all.forEach(e -> assertFalse(e.path("details").path("method").asText().equals("GET"), e.toString()));
    }

    @Test
    void filtersByActionFamilyOutcomeActorAndTime() {
        assertEquals(2, json(server.get("/api/v1/audit?action=project.")).path("items").size());
        assertEquals(2, json(server.get("/api/v1/audit?action=app.")).path("items").size());
        JsonNode failures = json(server.get("/api/v1/audit?outcome=failure")).path("items");
        failures.forEach(f -> assertTrue(Set.of("project.create", "app.delete").contains(f.path("action").asText()),
                f.toString()));
        String actor = only("app.create", "success").path("actor").asText();
        assertTrue(json(server.get("/api/v1/audit?actor=" + actor.replace(" ", "%20").replace(":", "%3A")))
                .path("items").size() >= 4);
        assertEquals(0, json(server.get("/api/v1/audit?actor=user%3Anobody")).path("items").size());
        assertEquals(0, json(server.get("/api/v1/audit?from=2999-01-01")).path("items").size());
        assertEquals(0, json(server.get("/api/v1/audit?to=2000-01-01T00:00:00Z")).path("items").size());
    }

    @Test
    void pagesNewestFirstWithACursor() {
        JsonNode first = json(server.get("/api/v1/audit?limit=2"));
        assertEquals(2, first.path("items").size());
        long newest = first.path("items").path(0).path("id").asLong();
        assertTrue(newest > first.path("items").path(1).path("id").asLong());
        JsonNode second = json(server.get("/api/v1/audit?limit=2&cursor=" + first.path("nextCursor").asText()));
        assertTrue(second.path("items").path(0).path("id").asLong() < first.path("items").path(1).path("id").asLong());
    }

    @Test
    void refusesUnusableFiltersWithFieldErrors() {
        Map<String, String> bad = Map.of("outcome=maybe", "outcome", "from=yesterday", "from", "to=31.12.2026", "to",
                "from=2026-02-01&to=2026-01-01", "to", "limit=0", "limit", "cursor=bogus", "cursor");
        bad.forEach((query, field) -> {
            HttpResponse<String> r = server.get("/api/v1/audit?" + query);
            assertEquals(400, r.statusCode(), query + ": " + r.body());
            JsonNode error = json(r).path("error");
            assertEquals("invalid_input", error.path("code").asText(), r.body());
            assertTrue(error.path("details").path("fields").has(field), query + ": " + r.body());
        });
    }

    @Test
    void theAuditPageListsAndFiltersEntries() {
        HttpResponse<String> page = server.get("/audit?action=app.create");
        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.body().contains("app:ledger"), page.body());
        assertFalse(page.body().contains("project:audited"), page.body());
        assertTrue(page.body().contains("name=\"outcome\""), "the filter form");
        HttpResponse<String> bad = server.get("/audit?from=not-a-date");
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("must be an ISO-8601 time"), bad.body());
    }

    /** The one entry with this action and outcome. */
    private static JsonNode only(String action, String outcome) {
        JsonNode items = json(server.get("/api/v1/audit?limit=200&action=" + action + "&outcome=" + outcome)).path("items");
        assertEquals(1, items.size(), action + " " + outcome + ": " + items);
        return items.path(0);
    }

    private static void ok(HttpResponse<String> r, int status) {
        assertEquals(status, r.statusCode(), r.body());
    }

    private static JsonNode json(HttpResponse<String> r) {
        try {
            return JsonMapper.create().readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON (" + r.statusCode() + "): " + r.body(), e);
        }
    }
}
