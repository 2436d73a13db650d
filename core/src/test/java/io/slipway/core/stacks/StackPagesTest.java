package io.slipway.core.stacks;

import io.slipway.core.testing.PageForms;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slipway.core.plugins.ExtensionRegistry;
import io.slipway.core.testing.TestServer;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The stack page's edit form, posted as a browser without JavaScript does. */
class StackPagesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
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
    void showsTheEditFormWithTheStacksValues() {
        long id = create("editshow");
        HttpResponse<String> page = server.get("/stacks/" + id);
        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.body().contains("action=\"/stacks/" + id + "\"") && page.body().contains("name=\"_csrf\"")
                && page.body().contains("name=\"compose\"") && page.body().contains("value=\"web:80\""), page.body());
    }

    @Test
    void deploysAndEditsAStackWhoseComposeFileIsInTheRepository() throws Exception {
        HttpResponse<String> created = server.postJson("/api/v1/stacks", "{\"project\": \"stk\", \"name\": \"editrepo\", "
                + "\"source\": {\"type\": \"repository\", \"config\": {}}, \"composePath\": \"compose.yaml\", "
                + "\"expose\": \"web:80\"}");
        assertEquals(201, created.statusCode(), created.body());
        long id = JSON.readTree(created.body()).get("id").asLong();
        HttpResponse<String> page = server.get("/stacks/" + id);
        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.body().contains("name=\"composePath\"") && page.body().contains("value=\"compose.yaml\""),
                page.body());
        HttpResponse<String> queued = server.postJson("/api/v1/stacks/" + id + "/deploy", "{}");
        assertEquals(202, queued.statusCode(), queued.body());
        assertEquals("ACTIVE", awaitFinal(JSON.readTree(queued.body()).get("id").asLong()));
        HttpResponse<String> live = server.get("/stacks/" + id);
        assertEquals(200, live.statusCode(), live.body());
        assertTrue(live.body().contains("name=\"composePath\"") && live.body().contains("log of db"), live.body());
        HttpResponse<String> r = post("/stacks/" + id, "composePath", "deploy/compose.yaml", "expose", "web:80");
        assertEquals(303, r.statusCode(), r.body());
        assertEquals("deploy/compose.yaml", JSON.readTree(server.get("/api/v1/stacks/" + id).body())
                .get("composePath").asText());
    }

    @Test
    void savesTheChangedComposeFileAndExposedServices() throws Exception {
        long id = create("editsave");
        HttpResponse<String> r = post("/stacks/" + id, "compose", "services:\n  web: {image: nginx}\n  api: {image: x}\n",
                "expose", " web:80,api:8081 ");
        assertEquals(303, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Location").orElse("").endsWith("/stacks/" + id));
        JsonNode stack = JSON.readTree(server.get("/api/v1/stacks/" + id).body());
        assertEquals("web:80,api:8081", stack.get("expose").asText());
        assertTrue(stack.get("compose").asText().contains("nginx"), stack.toString());
    }

    @Test
    void reRendersBadYamlWith400AndItsLineAndColumn() throws Exception {
        long id = create("editbad");
        String bad = "services:\n  web:\n    image: [unclosed\n";
        HttpResponse<String> r = post("/stacks/" + id, "compose", bad, "expose", "web:81");
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.body().contains("line 3, column 12") && r.body().contains("[unclosed")
                && r.body().contains("value=\"web:81\""), r.body());
        JsonNode stack = JSON.readTree(server.get("/api/v1/stacks/" + id).body());
        assertEquals("web:80", stack.get("expose").asText(), "nothing was saved");
    }

    @Test
    void rejectsEmptyComposeFileAndExposedServices() {
        long id = create("editempty");
        HttpResponse<String> empty = post("/stacks/" + id, "compose", "  ", "expose", "web:80");
        assertEquals(400, empty.statusCode(), empty.body());
        assertTrue(empty.body().contains("cannot be empty: paste the compose file"), empty.body());
        HttpResponse<String> noExpose = post("/stacks/" + id, "compose", "services:\n  web: {image: x}\n", "expose", "");
        assertEquals(400, noExpose.statusCode(), noExpose.body());
        assertTrue(noExpose.body().contains("cannot be empty: give the service:port"), noExpose.body());
        assertEquals(404, post("/stacks/424242", "compose", "services: {}", "expose", "web:80").statusCode());
    }

    private static String awaitFinal(long deployment) throws Exception {
        long until = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
        String phase = "";
        while (System.nanoTime() < until) {
            phase = JSON.readTree(server.get("/api/v1/deployments/" + deployment).body()).get("phase").asText();
            if (phase.equals("ACTIVE") || phase.equals("FAILED")) {
                return phase;
            }
            Thread.sleep(50);
        }
        return phase;
    }

    private static long create(String name) {
        HttpResponse<String> r = server.postJson("/api/v1/stacks", "{\"project\": \"stk\", \"name\": \"" + name
                + "\", \"compose\": \"services:\\n  web: {image: busybox}\\n\", \"expose\": \"web:80\"}");
        assertEquals(201, r.statusCode(), r.body());
        try {
            return JSON.readTree(r.body()).get("id").asLong();
        } catch (Exception e) {
            throw new AssertionError(r.body(), e);
        }
    }

    private static HttpResponse<String> post(String path, String... fields) {
        return PageForms.post(server, path, fields);
    }
}
