package io.slipway.core.webhooks;

import static io.slipway.core.pipeline.PipelineTestSupport.read;
import static io.slipway.core.pipeline.PipelineTestSupport.write;
import static io.slipway.core.webhooks.WebhookTestSupport.SHA;
import static io.slipway.core.webhooks.WebhookTestSupport.SHA2;
import static io.slipway.core.webhooks.WebhookTestSupport.pullRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.slipway.core.apps.EnvVar;
import io.slipway.core.apps.EnvVarService;
import io.slipway.core.pipeline.testext.TestDeployer;
import io.slipway.core.plugins.ExtensionRegistry;
import io.slipway.core.plugins.RegisteredExtension;
import io.slipway.core.security.SecurityFixtures;
import io.slipway.core.testing.PageForms;
import io.slipway.plugin.api.ExtensionPointId;
import io.slipway.plugin.api.build.Artifact;
import io.slipway.plugin.api.config.Config;
import io.slipway.plugin.api.config.ConfigSchema;
import io.slipway.plugin.api.deploy.DeployRequest;
import io.slipway.plugin.api.deploy.Deployer;
import io.slipway.plugin.api.deploy.Release;
import io.slipway.plugin.api.step.StepContext;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A preview (any environment) has variables of its own laid over the app's: they reach its
 * deployments, never show a secret, refuse bad input whole, and go with the preview.
 */
class PreviewEnvOverridesTest {
    private static final String DB_SECRET = "prod-db-secret-5e6f7a";
    private static final String PREVIEW_SECRET = "preview-db-secret-1b2c3d";
    private static WebhookTestSupport t;
    private static final EnvRecordingDeployer deployer = new EnvRecordingDeployer();
    private static String secret;

    @BeforeAll
    static void start() {
        t = WebhookTestSupport.start();
        t.pipeline.server.core().service(ExtensionRegistry.class).put("env-recorder", List.of(
                new RegisteredExtension(ExtensionPointId.DEPLOYER, "env-recorder", deployer)));
        secret = t.app("envy", "acme/envy", "main");
        t.rules("envy", "{\"rules\": [], \"previews\": true}");
        ok(t.pipeline.server.send("PATCH", "/api/v1/apps/envy", write(Map.of("deployer", Map.of("type",
                EnvRecordingDeployer.ID, "config", Map.of("dir", t.pipeline.dir.toString()))))), 200);
        ok(t.pipeline.server.send("PUT", "/api/v1/apps/envy/env/GREETING", "{\"value\": \"hello\"}"), 200);
        ok(t.pipeline.server.send("PUT", "/api/v1/apps/envy/env/DB_URL",
                "{\"value\": \"" + DB_SECRET + "\", \"secret\": true}"), 200);
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    @Test
    void overridesReachThePreviewOverTheAppsVariablesAndGoWithIt() {
        deployActive(pullRequest("acme/envy", "opened", 5, SHA));
        assertEquals(Map.of("GREETING", "hello", "DB_URL", DB_SECRET), deployer.env("pr-5"), "inherits the app's");

        ok(t.pipeline.server.send("PUT", "/api/v1/apps/envy/environments/pr-5/env/DB_URL",
                "{\"value\": \"" + PREVIEW_SECRET + "\", \"secret\": true}"), 200);
        ok(t.pipeline.server.send("PUT", "/api/v1/apps/envy/environments/pr-5/env/ONLY_HERE", "{\"value\": \"yes\"}"), 200);
        HttpResponse<String> listed = t.pipeline.server.get("/api/v1/apps/envy/environments/pr-5/env");
        ok(listed, 200);
        assertFalse(listed.body().contains(PREVIEW_SECRET), listed.body());
        assertEquals(2, read(listed.body()).get("items").size(), listed.body());

        deployActive(pullRequest("acme/envy", "synchronize", 5, SHA2));
        assertEquals(Map.of("GREETING", "hello", "DB_URL", PREVIEW_SECRET, "ONLY_HERE", "yes"), deployer.env("pr-5"));
        List<EnvVar> production = t.pipeline.server.core().service(EnvVarService.class).resolved("envy", "production");
        assertTrue(production.contains(new EnvVar("DB_URL", DB_SECRET, true, false)), "production keeps the app's");
        assertEquals(2, production.size());

        ok(t.deliver("pull_request", pullRequest("acme/envy", "closed", 5, SHA2), secret), 202);
        assertEquals(404, t.pipeline.server.get("/api/v1/apps/envy/environments/pr-5/env").statusCode());
        int left = t.pipeline.server.core().service(Jdbi.class).withHandle(h -> h.createQuery(
                "SELECT COUNT(*) FROM environment_env_vars").mapTo(Integer.class).one());
        assertEquals(0, left, "the overrides went with it");
    }

    @Test
    void badInputIsRefusedWholeWithTheErrorShape() {
        ok(t.pipeline.server.postJson("/api/v1/apps/envy/environments", "{\"name\": \"staging\"}"), 201);
        String base = "/api/v1/apps/envy/environments/staging/env/";
        HttpResponse<String> badName = t.pipeline.server.send("PUT", base + "1BAD", "{\"value\": \"x\"}");
        assertEquals(400, badName.statusCode(), badName.body());
        assertTrue(read(badName.body()).get("error").get("details").get("fields").has("name"), badName.body());
        HttpResponse<String> tooLong = t.pipeline.server.send("PUT", base + "BIG",
                "{\"value\": \"" + "x".repeat(EnvVarService.MAX_VALUE_LENGTH + 1) + "\"}");
        assertEquals(400, tooLong.statusCode(), tooLong.body());
        HttpResponse<String> noValue = t.pipeline.server.send("PUT", base + "EMPTY", "{}");
        assertEquals(400, noValue.statusCode(), noValue.body());
        HttpResponse<String> unknown = t.pipeline.server.send("PUT",
                "/api/v1/apps/envy/environments/nowhere/env/X", "{\"value\": \"x\"}");
        assertEquals(404, unknown.statusCode(), unknown.body());
        assertEquals("not_found", read(unknown.body()).get("error").get("code").asText());
        assertEquals(0, read(t.pipeline.server.get("/api/v1/apps/envy/environments/staging/env").body()).get("items").size());
        assertEquals(404, t.pipeline.server.send("DELETE", base + "NEVER_SET", "").statusCode());
    }

    @Test
    void theEnvironmentPageShowsInheritedAndOwnVariablesAndItsFormSetsOne() {
        ok(t.pipeline.server.postJson("/api/v1/apps/envy/environments", "{\"name\": \"qa\"}"), 201);
        HttpResponse<String> posted = PageForms.post(t.pipeline.server, "/apps/envy/environments/qa/env",
                "name", "GREETING", "value", "hi from qa");
        assertEquals(303, posted.statusCode(), posted.body());
        HttpResponse<String> page = t.pipeline.server.get("/apps/envy/environments/qa");
        ok(page, 200);
        assertTrue(page.body().contains("hi from qa") && page.body().contains("overridden"), page.body());
        assertTrue(page.body().contains("action=\"/apps/envy/environments/qa/env\""), page.body());
        assertFalse(page.body().contains(DB_SECRET), "secrets stay hidden");
        HttpResponse<String> bad = PageForms.post(t.pipeline.server, "/apps/envy/environments/qa/env",
                "name", "no good", "value", "x");
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("must be an environment variable name"), bad.body());
        assertEquals(303, PageForms.post(t.pipeline.server, "/apps/envy/environments/qa/env/GREETING/delete").statusCode());
        assertEquals(0, read(t.pipeline.server.get("/api/v1/apps/envy/environments/qa/env").body()).get("items").size());
    }

    @Test
    void aMemberChangesOverridesAndAViewerOnlyReadsThem() {
        ok(t.pipeline.server.postJson("/api/v1/apps/envy/environments", "{\"name\": \"demo\"}"), 201);
        SecurityFixtures.createUser(t.pipeline.server, "mem", "mem-password-1", "viewer");
        SecurityFixtures.grant(t.pipeline.server, "shop", "mem", "member");
        SecurityFixtures.createUser(t.pipeline.server, "vie", "vie-password-1", "viewer");
        SecurityFixtures.grant(t.pipeline.server, "shop", "vie", "viewer");
        var member = t.pipeline.server.as(SecurityFixtures.token(t.pipeline.server, "mem", "mem-password-1", "admin", null));
        var viewer = t.pipeline.server.as(SecurityFixtures.token(t.pipeline.server, "vie", "vie-password-1", "admin", null));
        String path = "/api/v1/apps/envy/environments/demo/env";
        ok(member.send("PUT", path + "/MODE", "{\"value\": \"demo\"}"), 200);
        ok(viewer.get(path), 200);
        assertEquals(403, viewer.send("PUT", path + "/MODE", "{\"value\": \"other\"}").statusCode());
        assertEquals(403, viewer.send("DELETE", path + "/MODE", "").statusCode());
        ok(member.send("DELETE", path + "/MODE", ""), 204);
    }

    private static void deployActive(String pullRequestBody) {
        HttpResponse<String> r = t.deliver("pull_request", pullRequestBody, secret);
        ok(r, 202);
        long id = read(r.body()).get("deployments").get(0).asLong();
        JsonNode d = t.pipeline.awaitFinal(id);
        assertEquals("ACTIVE", d.get("phase").asText(), t.pipeline.log(id));
    }

    private static void ok(HttpResponse<String> r, int status) {
        assertEquals(status, r.statusCode(), r.body());
    }

    /** The test deployer, remembering the variables each environment's newest release got. */
    static final class EnvRecordingDeployer implements Deployer {
        static final String ID = "env-recording-deployer";
        private final TestDeployer delegate = new TestDeployer();
        private final Map<String, Map<String, String>> byEnvironment = new ConcurrentHashMap<>();

        Map<String, String> env(String environment) {
            return byEnvironment.getOrDefault(environment, Map.of());
        }

        @Override
        public String id() {
            return ID;
        }

        @Override
        public String displayName() {
            return "Env recording deployer";
        }

        @Override
        public ConfigSchema configSchema() {
            return delegate.configSchema();
        }

        @Override
        public Release start(DeployRequest request, StepContext step) {
            byEnvironment.put(request.environment(), request.env());
            return delegate.start(request, step);
        }

        @Override
        public List<Release> list(String app, Config config) {
            return delegate.list(app, config);
        }

        @Override
        public void retire(Release release, Config config) {
            delegate.retire(release, config);
        }

        @Override
        public boolean artifactExists(Artifact artifact, Config config) {
            return delegate.artifactExists(artifact, config);
        }
    }
}
