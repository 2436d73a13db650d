package io.slipway.core.stacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slipway.core.plugins.ExtensionRegistry;
import io.slipway.core.security.SecurityFixtures;
import io.slipway.core.testing.TestServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class StacksApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COMPOSE = "services:\\n  web: {image: busybox}\\n";
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        ComposeFixtures.register(server.core().service(ExtensionRegistry.class));
        assertEquals(201, server.postJson("/api/v1/projects", "{\"name\":\"stk\"}").statusCode());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void createsDeploysReportsAndDeletesAStack() throws Exception {
        HttpResponse<String> created = create("shop", COMPOSE, "web:80");
        assertEquals(201, created.statusCode(), created.body());
        JsonNode stack = JSON.readTree(created.body());
        long id = stack.get("id").asLong();
        assertEquals("shop", stack.get("name").asText());
        assertEquals("web:80", stack.get("expose").asText());
        assertEquals("inline", stack.get("source").asText());
        assertTrue(stack.get("compose").asText().contains("busybox"));
        assertEquals("not_deployed", json(server.get("/api/v1/stacks/" + id + "/health")).get("status").asText());

        HttpResponse<String> queued = server.postJson("/api/v1/stacks/" + id + "/deploy", "{}");
        assertEquals(202, queued.statusCode(), queued.body());
        assertEquals("ACTIVE", awaitFinal(json(queued).get("id").asLong()));

        JsonNode services = json(server.get("/api/v1/stacks/" + id + "/services")).get("items");
        assertEquals(2, services.size());
        assertEquals("db", services.get(0).get("name").asText());
        assertEquals("healthy", json(server.get("/api/v1/stacks/" + id + "/health")).get("status").asText());
        assertEquals("log of db (5 lines)", json(server.get("/api/v1/stacks/" + id + "/services/db/logs?lines=5"))
                .get("items").get(0).asText());
        HttpResponse<String> page = server.get("/stacks/" + id);
        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.body().contains("graph.svg") && page.body().contains("log of db"), page.body());
        HttpResponse<String> svg = server.get("/stacks/" + id + "/graph.svg");
        assertEquals(200, svg.statusCode());
        assertTrue(svg.body().startsWith("<svg") && svg.body().contains("web&lt;x&gt;"), svg.body());
        assertEquals(200, server.get("/stacks").statusCode());
        assertTrue(server.get("/api/v1/stacks").body().contains("\"name\":\"shop\""));

        HttpResponse<String> patched = server.send("PATCH", "/api/v1/stacks/" + id, "{\"expose\": \"web:8080\"}");
        assertEquals(200, patched.statusCode(), patched.body());
        assertEquals("web:8080", json(patched).get("expose").asText());

        assertEquals(204, server.send("DELETE", "/api/v1/stacks/" + id, null).statusCode());
        assertEquals(404, server.get("/api/v1/stacks/" + id).statusCode());
        assertEquals(404, server.get("/api/v1/apps/shop").statusCode());
    }

    @Test
    void adminAllowsGuardedOptionsForOneStack() throws Exception {
        long id = json(create("guarded", COMPOSE, "web:80")).get("id").asLong();
        HttpResponse<String> r = server.send("PUT", "/api/v1/stacks/" + id + "/allowed-options",
                "{\"options\": [\"bind_mounts\"]}");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("bind_mounts", json(r).get("allowedOptions").get(0).asText());
        HttpResponse<String> bad = server.send("PUT", "/api/v1/stacks/" + id + "/allowed-options",
                "{\"options\": [\"root\"]}");
        assertEquals(400, bad.statusCode(), bad.body());
        assertTrue(bad.body().contains("options"), bad.body());
        assertEquals(400, server.send("PUT", "/api/v1/stacks/" + id + "/allowed-options", "{}").statusCode());
    }

    @Test
    void onlyAnAdminChangesTheAllowedOptions() throws Exception {
        long id = json(create("memberstack", COMPOSE, "web:80")).get("id").asLong();
        SecurityFixtures.createUser(server, "mia", "mia-password-1", "member");
        SecurityFixtures.grant(server, "stk", "mia", "member");
        TestServer member = server.as(SecurityFixtures.token(server, "mia", "mia-password-1", "deploy", null));
        HttpResponse<String> sneaky = member.send("PATCH", "/api/v1/apps/memberstack",
                "{\"builder\": {\"type\": \"compose\", \"config\": {\"content\": \"" + COMPOSE
                        + "\", \"allow\": \"privileged\"}}}");
        assertEquals(400, sneaky.statusCode(), sneaky.body());
        assertTrue(sneaky.body().contains("builder.config.allow"), sneaky.body());
        assertEquals(403, member.send("PUT", "/api/v1/stacks/" + id + "/allowed-options",
                "{\"options\": [\"privileged\"]}").statusCode());
        assertEquals(200, server.send("PUT", "/api/v1/stacks/" + id + "/allowed-options",
                "{\"options\": [\"bind_mounts\"]}").statusCode());
        // A member's later change keeps what the admin allowed.
        HttpResponse<String> edit = member.send("PATCH", "/api/v1/stacks/" + id, "{\"expose\": \"web:81\"}");
        assertEquals(200, edit.statusCode(), edit.body());
        assertEquals("bind_mounts", json(edit).get("allowedOptions").get(0).asText(), edit.body());
    }

    @Test
    void rejectsStackWithoutComposeFileOrRepository() {
        HttpResponse<String> r = server.postJson("/api/v1/stacks", "{\"project\": \"stk\", \"name\": \"nofile\", "
                + "\"expose\": \"web:80\"}");
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.body().contains("\"compose\""), r.body());
    }

    @Test
    void rejectsStackWithoutExposedService() {
        HttpResponse<String> r = create("noexpose", COMPOSE, "");
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.body().contains("\"expose\""), r.body());
    }

    @Test
    void reportsTheComposeFileProblemUnderCompose() {
        HttpResponse<String> r = create("cyclic", "services: cycle", "web:80");
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.body().contains("\"compose\"") && r.body().contains("a -> b -> a"), r.body());
        assertEquals(404, server.get("/api/v1/apps/cyclic").statusCode(), "no half-made app stays behind");
    }

    @Test
    void rejectsBadNamesAndParameters() throws Exception {
        assertEquals(400, create("Bad_Name", COMPOSE, "web:80").statusCode());
        assertEquals(404, server.get("/api/v1/stacks/424242").statusCode());
        assertEquals(404, server.get("/api/v1/stacks/424242/health").statusCode());
        assertEquals(404, server.get("/stacks/424242").statusCode());
        long id = json(create("params", COMPOSE, "web:80")).get("id").asLong();
        assertEquals(400, server.get("/api/v1/stacks/" + id + "/services/web/logs?lines=0").statusCode());
        assertEquals(400, server.get("/api/v1/stacks/" + id + "/services/web/logs?lines=x").statusCode());
        HttpResponse<String> rename = server.send("PATCH", "/api/v1/stacks/" + id, "{\"name\": \"other\"}");
        assertEquals(400, rename.statusCode(), rename.body());
        assertEquals(400, server.postJson("/api/v1/stacks", "").statusCode());
        assertFalse(server.postJson("/api/v1/stacks", "{\"unknown\": 1}").statusCode() < 400);
    }

    private static HttpResponse<String> create(String name, String compose, String expose) {
        return server.postJson("/api/v1/stacks", "{\"project\": \"stk\", \"name\": \"" + name + "\", \"compose\": \""
                + compose + "\", \"expose\": \"" + expose + "\"}");
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    private static String awaitFinal(long deployment) throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        String phase = "";
        while (System.nanoTime() < until) {
            phase = json(server.get("/api/v1/deployments/" + deployment)).get("phase").asText();
            if (phase.equals("ACTIVE") || phase.equals("FAILED")) {
                return phase;
            }
            Thread.sleep(50);
        }
        return phase;
    }
}
