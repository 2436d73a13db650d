package io.slipway.core.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.slipway.core.http.JsonMapper;
import io.slipway.core.plugins.ExtensionRegistry;
import io.slipway.core.testing.TestServer;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AppsApiTest {
    private static final String GIT_TOKEN = "ghp_gitTokenNeverShown123";
    private static final String REGISTRY_TOKEN = "reg-secret-Never-Shown-456";
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        TestExtensions.register(server.core().service(ExtensionRegistry.class));
        assertEquals(201, server.postJson("/api/v1/projects", "{\"name\":\"shop\"}").statusCode());
        assertEquals(201, server.postJson("/api/v1/projects", "{\"name\":\"blog\"}").statusCode());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void createsAppWithChoicesAndShowsItWithoutSecrets() throws IOException {
        HttpResponse<String> r = createFull("full");
        assertEquals(201, r.statusCode(), r.body());
        assertEquals(server.uri("/api/v1/apps/full").toString(), r.headers().firstValue("Location").orElseThrow());
        JsonNode app = json(r);
        assertEquals("full", app.get("name").asText());
        assertEquals("shop", app.get("project").asText());
        assertEquals("git", app.at("/source/type").asText());
        assertEquals("https://example.com/shop.git", app.at("/source/config/url").asText());
        assertFalse(app.at("/source/config").has("token"));
        assertEquals("token", app.at("/source/secretsSet/0").asText());
        assertEquals("Dockerfile", app.at("/builder/config/dockerfile").asText());
        assertEquals(2, app.at("/builder/config/cpus").asInt());
        assertEquals("registryToken", app.at("/builder/secretsSet/0").asText());
        assertEquals("http", app.at("/health/type").asText());
        assertEquals("/up", app.at("/health/config/path").asText());
        assertTrue(app.has("createdAt") && app.has("updatedAt"));
        assertEquals(app, json(server.get("/api/v1/apps/full")));
    }

    @Test
    void createsAppWithoutAnyChoice() throws IOException {
        HttpResponse<String> r = server.postJson("/api/v1/apps", "{\"project\":\"shop\",\"name\":\"bare\"}");
        assertEquals(201, r.statusCode(), r.body());
        assertFalse(json(r).has("builder"));
    }

    @Test
    void secretsNeverAppearInResponsesAndAreEncryptedAtRest() {
        List<HttpResponse<String>> responses = new ArrayList<>();
        responses.add(createFull("secretive"));
        responses.add(server.get("/api/v1/apps/secretive"));
        responses.add(server.get("/api/v1/apps"));
        responses.add(server.get("/api/v1/apps?project=shop"));
        responses.add(server.send("PATCH", "/api/v1/apps/secretive",
                "{\"builder\":{\"type\":\"dockerfile\",\"config\":{\"dockerfile\":\"web/Dockerfile\"}}}"));
        responses.add(server.get("/api/v1/apps/secretive/env"));
        responses.add(server.get("/api/v1/projects/shop"));
        for (HttpResponse<String> r : responses) {
            assertTrue(r.statusCode() < 300, r.body());
            assertFalse(r.body().contains(GIT_TOKEN), r.body());
            assertFalse(r.body().contains(REGISTRY_TOKEN), r.body());
        }
        List<String> stored = server.core().service(Jdbi.class).withHandle(h -> h.createQuery(
                        "SELECT e.config_json FROM app_extensions e JOIN apps a ON a.id = e.app_id WHERE a.name = 'secretive'")
                .mapTo(String.class).list());
        assertEquals(3, stored.size());
        String all = String.join("\n", stored);
        assertFalse(all.contains(GIT_TOKEN), all);
        assertFalse(all.contains(REGISTRY_TOKEN), all);
        assertTrue(all.contains("\"registryToken\":\"v1:"), all);
    }

    @Test
    void patchWithSameTypeKeepsSecretsNotGiven() throws IOException {
        createFull("keeper");
        HttpResponse<String> r = server.send("PATCH", "/api/v1/apps/keeper",
                "{\"builder\":{\"type\":\"dockerfile\",\"config\":{\"dockerfile\":\"api/Dockerfile\"}}}");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode app = json(r);
        assertEquals("api/Dockerfile", app.at("/builder/config/dockerfile").asText());
        assertEquals("registryToken", app.at("/builder/secretsSet/0").asText());
        assertFalse(app.at("/builder/config").has("cpus"), "a new config replaces the old non-secret values");
        assertEquals("git", app.at("/source/type").asText(), "choices not in the patch stay");
        ResolvedExtension builder = server.core().service(AppService.class)
                .resolvedExtension("keeper", io.slipway.plugin.api.ExtensionPointId.BUILDER).orElseThrow();
        assertEquals(REGISTRY_TOKEN, builder.config().require("registryToken"));
    }

    @Test
    void patchWithNewTypeReplacesConfigAndSecrets() throws IOException {
        createFull("switcher");
        HttpResponse<String> r = server.send("PATCH", "/api/v1/apps/switcher", "{\"builder\":{\"type\":\"plain\"}}");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode builder = json(r).get("builder");
        assertEquals("plain", builder.get("type").asText());
        assertEquals(0, builder.get("config").size());
        assertEquals(0, builder.get("secretsSet").size());
    }

    @Test
    void patchMovesAppToAnotherProject() throws IOException {
        createFull("mover");
        HttpResponse<String> r = server.send("PATCH", "/api/v1/apps/mover", "{\"project\":\"blog\"}");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("blog", json(r).get("project").asText());
    }

    @Test
    void patchCannotRenameApp() throws IOException {
        createFull("fixed-name");
        HttpResponse<String> r = server.send("PATCH", "/api/v1/apps/fixed-name", "{\"name\":\"other\"}");
        assertEquals(400, r.statusCode());
        assertTrue(fields(r).has("name"), r.body());
    }

    @Test
    void unknownExtensionTypeIs400NamingTypeAndListingAvailable() throws IOException {
        HttpResponse<String> r = server.postJson("/api/v1/apps",
                "{\"project\":\"shop\",\"name\":\"odd\",\"builder\":{\"type\":\"maven\",\"config\":{}}}");
        assertEquals(400, r.statusCode());
        String message = fields(r).get("builder.type").asText();
        assertTrue(message.contains("dockerfile, plain"), message);
        assertEquals(404, server.get("/api/v1/apps/odd").statusCode(), "nothing is created on a failed check");
    }

    @Test
    void missingRequiredConfigFieldIs400NamingIt() throws IOException {
        HttpResponse<String> r = server.postJson("/api/v1/apps",
                "{\"project\":\"shop\",\"name\":\"nofile\",\"builder\":{\"type\":\"dockerfile\",\"config\":{}}}");
        assertEquals(400, r.statusCode());
        assertEquals("is required", fields(r).get("builder.config.dockerfile").asText());
    }

    @Test
    void patternMismatchIs400NamingField() throws IOException {
        HttpResponse<String> r = server.postJson("/api/v1/apps", "{\"project\":\"shop\",\"name\":\"badfile\","
                + "\"builder\":{\"type\":\"dockerfile\",\"config\":{\"dockerfile\":\"my file\"}}}");
        assertEquals(400, r.statusCode());
        assertTrue(fields(r).get("builder.config.dockerfile").asText().contains("pattern"), r.body());
    }

    @Test
    void extensionsOwnCheckIs400NamingField() throws IOException {
        HttpResponse<String> r = server.postJson("/api/v1/apps", "{\"project\":\"shop\",\"name\":\"escape\","
                + "\"builder\":{\"type\":\"dockerfile\",\"config\":{\"dockerfile\":\"../Dockerfile\"}}}");
        assertEquals(400, r.statusCode());
        assertEquals("must stay inside the source folder", fields(r).get("builder.config.dockerfile").asText());
    }

    @Test
    void unknownConfigFieldIs400NamingIt() throws IOException {
        HttpResponse<String> r = server.postJson("/api/v1/apps", "{\"project\":\"shop\",\"name\":\"typo\","
                + "\"builder\":{\"type\":\"dockerfile\",\"config\":{\"dockerfile\":\"Dockerfile\",\"dockrfile\":\"x\"}}}");
        assertEquals(400, r.statusCode());
        assertTrue(fields(r).has("builder.config.dockrfile"), r.body());
    }

    @Test
    void builtInHealthCheckerIsValidated() throws IOException {
        HttpResponse<String> r = server.postJson("/api/v1/apps", "{\"project\":\"shop\",\"name\":\"sick\","
                + "\"health\":{\"type\":\"http\",\"config\":{\"path\":\"up\",\"timeoutSeconds\":30}}}");
        assertEquals(400, r.statusCode());
        assertTrue(fields(r).has("health.config.path"), r.body());
        HttpResponse<String> tcp = server.postJson("/api/v1/apps", "{\"project\":\"shop\",\"name\":\"tcp-app\","
                + "\"health\":{\"type\":\"tcp\",\"config\":{\"retries\":-1}}}");
        assertEquals(400, tcp.statusCode());
        assertTrue(fields(tcp).has("health.config.retries"), tcp.body());
    }

    @Test
    void everyFailedFieldIsReportedAtOnce() throws IOException {
        HttpResponse<String> r = server.postJson("/api/v1/apps", "{\"project\":\"nope\",\"name\":\"Bad\","
                + "\"builder\":{\"type\":\"maven\"},\"env\":{\"1X\":\"y\"}}");
        assertEquals(400, r.statusCode());
        JsonNode f = fields(r);
        assertTrue(f.has("project") && f.has("name") && f.has("builder.type") && f.has("env.1X"), r.body());
    }

    @Test
    void unknownBodyFieldIs400NamingIt() throws IOException {
        HttpResponse<String> r = server.postJson("/api/v1/apps", "{\"project\":\"shop\",\"name\":\"x\",\"colour\":\"red\"}");
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("colour"), r.body());
        HttpResponse<String> nested = server.postJson("/api/v1/apps",
                "{\"project\":\"shop\",\"name\":\"x\",\"builder\":{\"type\":\"plain\",\"settings\":{}}}");
        assertEquals(400, nested.statusCode());
        assertTrue(nested.body().contains("settings"), nested.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Web", "-web", "web-", "../x", "web.app", "",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    void rejectsAppNameThatIsNotADnsLabel(String name) throws IOException {
        HttpResponse<String> r = server.postJson("/api/v1/apps", "{\"project\":\"shop\",\"name\":\"" + name + "\"}");
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(fields(r).has("name"), r.body());
    }

    @Test
    void appNamesAreUniqueAcrossProjects() throws IOException {
        assertEquals(201, server.postJson("/api/v1/apps", "{\"project\":\"shop\",\"name\":\"unique\"}").statusCode());
        HttpResponse<String> r = server.postJson("/api/v1/apps", "{\"project\":\"blog\",\"name\":\"unique\"}");
        assertEquals(409, r.statusCode());
        assertEquals("conflict", json(r).at("/error/code").asText());
    }

    @Test
    void unknownProjectInBodyIs400NamingProject() throws IOException {
        HttpResponse<String> r = server.postJson("/api/v1/apps", "{\"project\":\"ghost\",\"name\":\"haunted\"}");
        assertEquals(400, r.statusCode());
        assertTrue(fields(r).get("project").asText().contains("ghost"), r.body());
        createFull("stays");
        HttpResponse<String> move = server.send("PATCH", "/api/v1/apps/stays", "{\"project\":\"ghost\"}");
        assertEquals(400, move.statusCode());
        assertTrue(fields(move).has("project"), move.body());
    }

    @Test
    void unknownAppIsJson404ForEveryMethod() throws IOException {
        for (String method : List.of("GET", "PATCH", "DELETE")) {
            HttpResponse<String> r = server.send(method, "/api/v1/apps/nowhere", method.equals("PATCH") ? "{}" : null);
            assertEquals(404, r.statusCode(), method);
            assertEquals("not_found", json(r).at("/error/code").asText());
        }
    }

    @Test
    void listsAppsOfOneProjectPageByPage() throws IOException {
        for (String n : List.of("list-a", "list-b", "list-c")) {
            server.postJson("/api/v1/apps", "{\"project\":\"blog\",\"name\":\"" + n + "\"}");
        }
        JsonNode first = json(server.get("/api/v1/apps?project=blog&limit=2"));
        assertEquals(2, first.get("items").size());
        List<String> names = new ArrayList<>();
        first.get("items").forEach(a -> names.add(a.get("name").asText()));
        JsonNode rest = json(server.get("/api/v1/apps?project=blog&limit=200&cursor=" + first.get("nextCursor").asText()));
        rest.get("items").forEach(a -> names.add(a.get("name").asText()));
        assertTrue(names.containsAll(List.of("list-a", "list-b", "list-c")), names.toString());
        rest.get("items").forEach(a -> assertEquals("blog", a.get("project").asText()));
        assertFalse(rest.has("nextCursor"));
    }

    @Test
    void listFilterNamingNoProjectIs400() throws IOException {
        HttpResponse<String> r = server.get("/api/v1/apps?project=ghost");
        assertEquals(400, r.statusCode());
        assertTrue(fields(r).has("project"), r.body());
    }

    @Test
    void deletesAppWithItsRows() {
        createFull("doomed");
        assertEquals(204, server.send("DELETE", "/api/v1/apps/doomed", null).statusCode());
        assertEquals(404, server.get("/api/v1/apps/doomed").statusCode());
        int left = server.core().service(Jdbi.class).withHandle(h -> h.createQuery(
                "SELECT COUNT(*) FROM app_extensions e LEFT JOIN apps a ON a.id = e.app_id WHERE a.id IS NULL")
                .mapTo(Integer.class).one());
        assertEquals(0, left);
    }

    static HttpResponse<String> createFull(String name) {
        return server.postJson("/api/v1/apps", "{\"project\":\"shop\",\"name\":\"" + name + "\","
                + "\"source\":{\"type\":\"git\",\"config\":{\"url\":\"https://example.com/shop.git\",\"token\":\"" + GIT_TOKEN + "\"}},"
                + "\"builder\":{\"type\":\"dockerfile\",\"config\":{\"dockerfile\":\"Dockerfile\",\"cpus\":2,"
                + "\"registryToken\":\"" + REGISTRY_TOKEN + "\"}},"
                + "\"health\":{\"type\":\"http\",\"config\":{\"path\":\"/up\",\"timeoutSeconds\":30}},"
                + "\"env\":{\"LOG_LEVEL\":\"info\"}}");
    }

    static JsonNode json(HttpResponse<String> r) throws IOException {
        return JsonMapper.create().readTree(r.body());
    }

    static JsonNode fields(HttpResponse<String> r) throws IOException {
        return json(r).at("/error/details/fields");
    }
}
