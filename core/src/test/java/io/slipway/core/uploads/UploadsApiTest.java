package io.slipway.core.uploads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.slipway.core.pipeline.PipelineTestSupport;
import io.slipway.core.plugins.ExtensionRegistry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code POST/GET /api/v1/apps/{app}/uploads}, {@code GET .../plan} and the app page's section, with test extensions. */
class UploadsApiTest {
    private static PipelineTestSupport t;
    private static ArchiveTestExtensions.ArchiveSource source;
    private static int apps;

    @BeforeAll
    static void start() {
        t = PipelineTestSupport.start();
        source = ArchiveTestExtensions.register(t.server.core().service(ExtensionRegistry.class));
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    private static String uploadApp() {
        String name = "up" + (++apps);
        String ok = "{\"behaviour\": \"ok\", \"millis\": 0, \"dir\": " + PipelineTestSupport.JSON.valueToTree(t.dir.toString()) + "}";
        HttpResponse<String> r = t.server.postJson("/api/v1/apps", "{\"project\": \"shop\", \"name\": \"" + name + "\", "
                + "\"source\": {\"type\": \"test-archive\"}, \"builder\": {\"type\": \"test-planner\"}, "
                + "\"deployer\": {\"type\": \"test-deployer\", \"config\": " + ok + "}, "
                + "\"health\": {\"type\": \"test-health\", \"config\": " + ok + "}}");
        assertEquals(201, r.statusCode(), r.body());
        return name;
    }

    static HttpResponse<String> upload(String path, byte[] content, Map<String, String> fields) {
        Multipart m = Multipart.file("site.zip", content, fields);
        return t.server.send(HttpRequest.newBuilder(t.server.uri(path)).header("Content-Type", m.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(m.body())).build());
    }

    private static byte[] zip(String text) {
        return ("PK\u0003\u0004" + text).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static JsonNode json(HttpResponse<String> r) {
        try {
            return PipelineTestSupport.JSON.readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError(r.body(), e);
        }
    }

    private static boolean incomingIsEmpty() throws IOException {
        Path incoming = t.server.home().resolve("uploads-incoming");
        if (!Files.exists(incoming)) {
            return true;
        }
        try (Stream<Path> files = Files.list(incoming)) {
            return files.findAny().isEmpty();
        }
    }

    @Test
    void uploadStoresTheArchiveAndDeploysItsRevision() throws IOException {
        String app = uploadApp();
        byte[] bytes = zip("v1");
        HttpResponse<String> r = upload("/api/v1/apps/" + app + "/uploads", bytes, Map.of());
        assertEquals(202, r.statusCode(), r.body());
        JsonNode body = json(r);
        String sha = ArchiveTestExtensions.sha256(bytes);
        assertEquals(sha, body.get("revision").asText());
        assertEquals(bytes.length, body.get("sizeBytes").asLong());
        assertEquals("site.zip", body.get("fileName").asText());
        long id = body.get("deployment").get("id").asLong();
        JsonNode done = t.awaitFinal(id);
        assertEquals("ACTIVE", done.get("phase").asText(), t.log(id));
        assertEquals(sha, done.get("revision").asText());
        assertTrue(t.log(id).contains("Uploaded zip archive, " + bytes.length + " bytes"), t.log(id));

        String page = t.server.get("/deployments/" + id).body();
        assertTrue(page.contains(sha) && page.contains("Uploaded zip archive, " + bytes.length + " bytes"), page);

        JsonNode list = json(t.server.get("/api/v1/apps/" + app + "/uploads"));
        assertEquals(sha, list.get("items").get(0).get("revision").asText());
        assertTrue(incomingIsEmpty(), "the temporary upload must be gone");
    }

    @Test
    void redeployReusesTheStoredArchiveWithoutAnotherUpload() {
        String app = uploadApp();
        byte[] bytes = zip("redeploy me");
        long first = json(upload("/api/v1/apps/" + app + "/uploads", bytes, Map.of())).get("deployment").get("id").asLong();
        assertEquals("ACTIVE", t.awaitFinal(first).get("phase").asText());
        HttpResponse<String> again = t.server.postJson("/api/v1/apps/" + app + "/deployments/redeploy", "{}");
        assertEquals(202, again.statusCode(), again.body());
        JsonNode d = t.awaitFinal(json(again).get("id").asLong());
        assertEquals(ArchiveTestExtensions.sha256(bytes), d.get("revision").asText());
    }

    @Test
    void deployFalseOnlyStores() {
        String app = uploadApp();
        HttpResponse<String> r = upload("/api/v1/apps/" + app + "/uploads?deploy=false", zip("store only"), Map.of());
        assertEquals(201, r.statusCode(), r.body());
        assertTrue(json(r).get("deployment").isNull(), r.body());
        assertEquals(0, json(t.server.get("/api/v1/apps/" + app + "/deployments")).get("items").size());
    }

    @Test
    void oldArchivesArePrunedOnceNoRetainedDeploymentUsesThem() {
        String app = uploadApp();
        String first = json(upload("/api/v1/apps/" + app + "/uploads?deploy=false", zip("one"), Map.of()))
                .get("revision").asText();
        String second = json(upload("/api/v1/apps/" + app + "/uploads?deploy=false", zip("two"), Map.of()))
                .get("revision").asText();
        assertFalse(source.lastKeep.contains(first), "never deployed and not the newest: pruned");
        assertTrue(source.lastKeep.contains(second));
        JsonNode list = json(t.server.get("/api/v1/apps/" + app + "/uploads"));
        assertEquals(1, list.get("items").size(), list.toString());
    }

    @Test
    void deletingTheAppDeletesItsArchives() {
        String app = uploadApp();
        String sha = json(upload("/api/v1/apps/" + app + "/uploads?deploy=false", zip("doomed"), Map.of()))
                .get("revision").asText();
        assertTrue(source.stored.containsKey(sha));
        HttpResponse<String> deleted = t.server.send("DELETE", "/api/v1/apps/" + app, null);
        assertEquals(204, deleted.statusCode(), deleted.body());
        assertFalse(source.stored.containsKey(sha), "the archive goes with its app");
    }

    @Test
    void rejectedUploadIs400AndLeavesNoFiles() throws IOException {
        String app = uploadApp();
        HttpResponse<String> r = upload("/api/v1/apps/" + app + "/uploads", "just text".getBytes(StandardCharsets.UTF_8),
                Map.of());
        assertEquals(400, r.statusCode(), r.body());
        assertEquals("invalid_archive", json(r).get("error").get("code").asText());
        assertTrue(json(r).get("error").get("message").asText().contains("not an archive"), r.body());
        assertTrue(incomingIsEmpty());
        assertEquals(0, json(t.server.get("/api/v1/apps/" + app + "/uploads")).get("items").size());
    }

    @Test
    void missingFileFieldIs400() {
        String app = uploadApp();
        String boundary = "b0";
        String body = "--b0\r\nContent-Disposition: form-data; name=\"other\"\r\n\r\nx\r\n--b0--\r\n";
        HttpResponse<String> r = t.server.send(HttpRequest.newBuilder(t.server.uri("/api/v1/apps/" + app + "/uploads"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.body().contains("\"file\""), r.body());
    }

    @Test
    void badDeployFlagIs400() {
        String app = uploadApp();
        HttpResponse<String> r = upload("/api/v1/apps/" + app + "/uploads?deploy=maybe", zip("x"), Map.of());
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.body().contains("deploy"), r.body());
    }

    @Test
    void appWhoseSourceTakesNoUploadsIs409() {
        t.app("gitlike", Map.of());
        HttpResponse<String> r = upload("/api/v1/apps/gitlike/uploads", zip("x"), Map.of());
        assertEquals(409, r.statusCode(), r.body());
        assertEquals("source_takes_no_uploads", json(r).get("error").get("code").asText());
    }

    @Test
    void unknownAppIs404() {
        assertEquals(404, upload("/api/v1/apps/nope/uploads", zip("x"), Map.of()).statusCode());
    }

    @Test
    void planIsShapedLikeNixpacksPlan() {
        String app = uploadApp();
        upload("/api/v1/apps/" + app + "/uploads?deploy=false", zip("good"), Map.of());
        HttpResponse<String> r = t.server.get("/api/v1/apps/" + app + "/plan");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode plan = json(r);
        assertEquals("node", plan.get("providers").get(0).asText());
        assertEquals("node:20-slim", plan.get("buildImage").asText());
        assertEquals("production", plan.get("variables").get("NODE_ENV").asText());
        assertEquals("npm ci", plan.get("phases").get("install").get("cmds").get(0).asText());
        assertEquals("install", plan.get("phases").get("build").get("dependsOn").get(0).asText());
        assertEquals("git", plan.get("phases").get("build").get("aptPkgs").get(0).asText());
        assertEquals("node server.js", plan.get("start").get("cmd").asText());
    }

    @Test
    void planTheBuilderRefusesIs400WithTheLine() {
        String app = uploadApp();
        upload("/api/v1/apps/" + app + "/uploads?deploy=false", zip("bad"), Map.of());
        HttpResponse<String> r = t.server.get("/api/v1/apps/" + app + "/plan");
        assertEquals(400, r.statusCode(), r.body());
        JsonNode error = json(r).get("error");
        assertEquals("invalid_build_config", error.get("code").asText());
        assertEquals(2, error.get("details").get("line").asInt());
        assertTrue(error.get("message").asText().contains("unknown provider 'cobol'"), r.body());
    }

    @Test
    void planBeforeAnyUploadIs409() {
        String app = uploadApp();
        HttpResponse<String> r = t.server.get("/api/v1/apps/" + app + "/plan");
        assertEquals(409, r.statusCode(), r.body());
    }

    @Test
    void planOfABuilderThatMakesNoPlansIs409() {
        t.app("noplans", Map.of());
        HttpResponse<String> r = t.server.get("/api/v1/apps/noplans/plan");
        assertEquals(409, r.statusCode(), r.body());
        assertTrue(r.body().contains("makes no plans"), r.body());
    }

    @Test
    void appPageShowsTheUploadFormAndThePlanBeforeTheFirstDeploy() {
        String app = uploadApp();
        String empty = t.server.get("/apps/" + app).body();
        assertTrue(empty.contains("enctype=\"multipart/form-data\"") && empty.contains("type=\"file\" name=\"file\""), empty);
        assertTrue(empty.contains("Nothing uploaded yet"), empty);
        assertTrue(empty.contains("/static/upload.js"), empty);
        assertFalse(empty.contains("<script>"), "no inline script");

        upload("/api/v1/apps/" + app + "/uploads?deploy=false", zip("page"), Map.of());
        String page = t.server.get("/apps/" + app).body();
        String sha = ArchiveTestExtensions.sha256(zip("page"));
        assertTrue(page.contains(sha.substring(0, 12)), page);
        assertTrue(page.contains("npm run build") && page.contains("node server.js"), page);
    }

    @Test
    void pageFormUploadGoesToTheDeployment() {
        String app = uploadApp();
        Multipart m = Multipart.file("site.zip", zip("from the page"), Map.of());
        HttpResponse<String> r = t.server.send(HttpRequest.newBuilder(t.server.uri("/apps/" + app + "/uploads"))
                .header("Content-Type", m.contentType()).POST(HttpRequest.BodyPublishers.ofByteArray(m.body())).build());
        assertEquals(303, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Location").orElse("").matches(".*/deployments/\\d+"), r.headers().toString());
    }

    @Test
    void pageFormUploadOfANonArchiveShowsTheReason() {
        String app = uploadApp();
        Multipart m = Multipart.file("notes.txt", "plain".getBytes(StandardCharsets.UTF_8), Map.of());
        HttpResponse<String> r = t.server.send(HttpRequest.newBuilder(t.server.uri("/apps/" + app + "/uploads"))
                .header("Content-Type", m.contentType()).POST(HttpRequest.BodyPublishers.ofByteArray(m.body())).build());
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.body().contains("not an archive"), r.body());
    }

    @Test
    void chunkedUploadIsReadAndStored() {
        String app = uploadApp();
        Multipart m = Multipart.file("site.zip", zip("chunked"), Map.of());
        HttpResponse<String> r = t.server.send(HttpRequest.newBuilder(t.server.uri("/api/v1/apps/" + app
                        + "/uploads?deploy=false")).header("Content-Type", m.contentType())
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(m.body()))).build());
        assertEquals(201, r.statusCode(), r.body());
    }
}
