package io.slipway.core.pages;

import io.slipway.core.testing.PageForms;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.core.apps.AppService;
import io.slipway.core.plugins.ExtensionRegistry;
import io.slipway.core.plugins.RegisteredExtension;
import io.slipway.core.testing.TestServer;
import io.slipway.plugin.api.ExtensionPointId;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The app page's settings form (rendered from schemas), its variables and deleting an app. */
class AppSettingsPagesTest {
    private static final String URL = "https://example.org/repo.git";
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        server.core().service(ExtensionRegistry.class).put("test",
                List.of(new RegisteredExtension(ExtensionPointId.SOURCE, "test", new FakeSource())));
        assertEquals(303, PageForms.post(server, "/projects", "name", "shop").statusCode());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String newApp(String name) {
        assertEquals(303, PageForms.post(server, "/apps", "name", name, "project", "shop").statusCode());
        return "/apps/" + name;
    }

    private static HttpResponse<String> saveSource(String app, String url, String token, String branch) {
        return PageForms.post(server, app + "/settings", "action", "save",
                "source.type", FakeSource.ID, "source.shown", FakeSource.ID,
                "source.config.url", url, "source.config.token", token, "source.config.branch", branch,
                "source.config.shallow", "true", "source.config.depth", "1", "source.config.mode", "clone");
    }

    @Test
    void appPageOffersTheAvailableExtensionsForEachPoint() {
        String body = server.get(newApp("picker")).body();
        for (String point : List.of("source", "builder", "deployer", "health")) {
            assertTrue(body.contains("name=\"" + point + ".type\""), point + ": " + body);
        }
        assertTrue(body.contains("<option value=\"fake-git\">Fake Git</option>"), body);
        assertTrue(body.contains("none available"), body);
    }

    @Test
    void changingTheTypeRendersThatExtensionsFieldsWithoutJavaScript() {
        String app = newApp("retype");
        HttpResponse<String> r = PageForms.post(server, app + "/settings", "action", "retype",
                "source.type", FakeSource.ID, "source.shown", "");
        assertEquals(200, r.statusCode(), r.body());
        String body = r.body();
        assertTrue(body.contains("name=\"source.config.url\""), body);
        assertTrue(body.contains("pattern=\"https://.+\""), body);
        assertTrue(body.contains("type=\"password\""), body);
        assertTrue(body.contains("type=\"number\""), body);
        assertTrue(body.contains("<textarea"), body);
        assertTrue(body.contains("<option value=\"clone\">clone</option>"), body);
        assertTrue(body.contains("value=\"main\""), "the default fills the branch: " + body);
        assertTrue(body.contains("Where to clone from."), body);
        assertTrue(body.contains("name=\"source.config.shallow\" value=\"true\" checked"), body);
    }

    @Test
    void savingStoresTheChoiceAndNeverShowsTheSecretAgain() {
        String app = newApp("saved");
        HttpResponse<String> r = saveSource(app, URL, "s3cr3t-token-value", "main");
        assertEquals(303, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Location").orElseThrow().endsWith(app + "?done=app-saved&name=saved"));
        String body = server.get(app).body();
        assertTrue(body.contains("value=\"" + URL + "\""), body);
        assertTrue(body.contains("set — leave empty to keep"), body);
        assertFalse(body.contains("s3cr3t-token-value"), body);
    }

    @Test
    void leavingASecretEmptyKeepsIt() {
        String app = newApp("keeps");
        assertEquals(303, saveSource(app, URL, "first-secret", "main").statusCode());
        assertEquals(303, saveSource(app, URL, "", "dev").statusCode());
        var choice = server.core().service(AppService.class).get("keeps").extension("source").orElseThrow();
        assertEquals(Set.of("token"), choice.secretsSet());
        assertEquals("dev", choice.config().get("branch"));
    }

    @Test
    void missingRequiredFieldIsShownNextToItKeepingInputButNotSecrets() {
        String app = newApp("invalid");
        HttpResponse<String> r = saveSource(app, "", "typed-secret", "feature-x");
        assertEquals(400, r.statusCode(), r.body());
        String body = r.body();
        assertTrue(body.contains("is required"), body);
        assertTrue(body.contains("value=\"feature-x\""), body);
        assertFalse(body.contains("typed-secret"), body);
    }

    @Test
    void valueBreakingThePatternIsRejected() {
        String app = newApp("pattern");
        HttpResponse<String> r = saveSource(app, "ftp://nope", "", "main");
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.body().contains("does not match the pattern"), r.body());
        assertTrue(r.body().contains("value=\"ftp://nope\""), r.body());
    }

    @Test
    void secretVariableValueNeverAppearsButPlainOneDoes() {
        String app = newApp("envs");
        assertEquals(303, PageForms.post(server, app + "/env", "name", "API_KEY", "value", "very-secret-env",
                "secret", "true").statusCode());
        assertEquals(303, PageForms.post(server, app + "/env", "name", "LOG_LEVEL", "value", "debug").statusCode());
        String body = server.get(app).body();
        assertTrue(body.contains("API_KEY"), body);
        assertFalse(body.contains("very-secret-env"), body);
        assertTrue(body.contains(">debug</code>"), body);
    }

    @Test
    void badVariableNameIsShownNextToTheFieldWithoutEchoingASecret() {
        String app = newApp("badenv");
        HttpResponse<String> r = PageForms.post(server, app + "/env", "name", "1BAD", "value", "hidden-value",
                "secret", "true");
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.body().contains("must be an environment variable name"), r.body());
        assertTrue(r.body().contains("value=\"1BAD\""), r.body());
        assertFalse(r.body().contains("hidden-value"), r.body());
    }

    @Test
    void deletingAVariableRemovesIt() {
        String app = newApp("envdel");
        PageForms.post(server, app + "/env", "name", "GONE_SOON", "value", "x");
        assertEquals(303, PageForms.post(server, app + "/env/GONE_SOON/delete").statusCode());
        assertFalse(server.get(app).body().contains("<code>GONE_SOON</code>"));
    }

    @Test
    void deletingAnAppTakesAConfirmationStep() {
        String app = newApp("doomed");
        HttpResponse<String> confirm = server.get(app + "/delete");
        assertEquals(200, confirm.statusCode());
        assertTrue(confirm.body().contains("action=\"/apps/doomed/delete\""), confirm.body());
        HttpResponse<String> r = PageForms.post(server, app + "/delete");
        assertEquals(303, r.statusCode(), r.body());
        assertEquals(404, server.get(app).statusCode());
    }
}
