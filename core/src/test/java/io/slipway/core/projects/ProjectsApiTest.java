package io.slipway.core.projects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.slipway.core.http.JsonMapper;
import io.slipway.core.testing.TestServer;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProjectsApiTest {
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
    void createsProjectWithLocationAndShowsIt() throws IOException {
        HttpResponse<String> r = server.postJson("/api/v1/projects", "{\"name\":\"shop\"}");
        assertEquals(201, r.statusCode(), r.body());
        assertEquals(server.uri("/api/v1/projects/shop").toString(), r.headers().firstValue("Location").orElseThrow());
        JsonNode created = json(r);
        assertEquals("shop", created.get("name").asText());
        Instant.parse(created.get("createdAt").asText());
        assertEquals(0, created.get("apps").size());

        HttpResponse<String> got = server.get("/api/v1/projects/shop");
        assertEquals(200, got.statusCode());
        assertEquals(created, json(got));
    }

    @Test
    void duplicateProjectIs409() {
        server.postJson("/api/v1/projects", "{\"name\":\"twice\"}");
        HttpResponse<String> r = server.postJson("/api/v1/projects", "{\"name\":\"twice\"}");
        assertEquals(409, r.statusCode());
        assertTrue(r.body().contains("\"code\":\"conflict\""), r.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Shop", "-shop", "shop-", "../x", "a_b", "",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    void rejectsNameThatIsNotADnsLabel(String name) throws IOException {
        HttpResponse<String> r = server.postJson("/api/v1/projects", "{\"name\":\"" + name + "\"}");
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(json(r).at("/error/details/fields").has("name"), r.body());
    }

    @Test
    void acceptsSixtyThreeCharacterName() {
        assertEquals(201, server.postJson("/api/v1/projects", "{\"name\":\"" + "b".repeat(63) + "\"}").statusCode());
    }

    @Test
    void missingBodyIs400NamingName() throws IOException {
        HttpResponse<String> r = server.send("POST", "/api/v1/projects", null);
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(json(r).at("/error/details/fields").has("name"), r.body());
    }

    @Test
    void unknownProjectIsJson404() throws IOException {
        HttpResponse<String> r = server.get("/api/v1/projects/nope");
        assertEquals(404, r.statusCode());
        assertEquals("not_found", json(r).at("/error/code").asText());
        assertEquals(404, server.send("DELETE", "/api/v1/projects/nope", null).statusCode());
    }

    @Test
    void deletesProject() {
        server.postJson("/api/v1/projects", "{\"name\":\"gone\"}");
        assertEquals(204, server.send("DELETE", "/api/v1/projects/gone", null).statusCode());
        assertEquals(404, server.get("/api/v1/projects/gone").statusCode());
    }

    @Test
    void refusesToDeleteProjectWithApps() throws IOException {
        server.postJson("/api/v1/projects", "{\"name\":\"busy\"}");
        assertEquals(201, server.postJson("/api/v1/apps", "{\"project\":\"busy\",\"name\":\"busy-web\"}").statusCode());
        HttpResponse<String> r = server.send("DELETE", "/api/v1/projects/busy", null);
        assertEquals(409, r.statusCode(), r.body());
        assertEquals("busy-web", json(r).at("/error/details/apps/0").asText());
        assertEquals("busy-web", json(server.get("/api/v1/projects/busy")).at("/apps/0").asText());
    }

    @Test
    void pagesThroughProjectsWithOpaqueCursor() throws IOException {
        for (int i = 0; i < 5; i++) {
            server.postJson("/api/v1/projects", "{\"name\":\"page-" + i + "\"}");
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = json(server.get("/api/v1/projects?limit=2" + (cursor == null ? "" : "&cursor=" + cursor)));
            assertTrue(page.get("items").size() <= 2);
            page.get("items").forEach(p -> seen.add(p.get("name").asText()));
            cursor = page.has("nextCursor") ? page.get("nextCursor").asText() : null;
            pages++;
        } while (cursor != null && pages < 100);
        List<String> paged = seen.stream().filter(n -> n.startsWith("page-")).toList();
        assertEquals(List.of("page-0", "page-1", "page-2", "page-3", "page-4"), paged);
        List<String> sorted = new ArrayList<>(seen);
        sorted.sort(null);
        assertEquals(sorted, seen);
    }

    @Test
    void listWithoutParamsHasItems() throws IOException {
        JsonNode page = json(server.get("/api/v1/projects"));
        assertTrue(page.get("items").isArray());
        assertFalse(page.has("nextCursor"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"limit=0", "limit=201", "limit=ten", "cursor=not-a-cursor", "cursor=%25%25"})
    void rejectsBadPagingParameters(String query) throws IOException {
        HttpResponse<String> r = server.get("/api/v1/projects?" + query);
        assertEquals(400, r.statusCode(), r.body());
        String field = query.substring(0, query.indexOf('='));
        assertTrue(json(r).at("/error/details/fields").has(field), r.body());
    }

    static JsonNode json(HttpResponse<String> r) throws IOException {
        return JsonMapper.create().readTree(r.body());
    }
}
