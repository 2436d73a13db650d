package io.slipway.core.pages;

import io.slipway.core.testing.PageForms;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.core.plugins.ExtensionRegistry;
import io.slipway.core.plugins.RegisteredExtension;
import io.slipway.core.testing.TestServer;
import io.slipway.plugin.api.ExtensionPointId;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The pages over HTTP, as a browser without JavaScript uses them. */
class PagesTest {
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        server.core().service(ExtensionRegistry.class).put("test",
                List.of(new RegisteredExtension(ExtensionPointId.SOURCE, "test", new FakeSource())));
        assertEquals(303, PageForms.post(server, "/projects", "name", "shop").statusCode());
        assertEquals(303, PageForms.post(server, "/apps", "name", "web", "project", "shop").statusCode());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static void assertHtml(HttpResponse<String> r, int status) {
        assertEquals(status, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/html"),
                r.headers().firstValue("Content-Type").orElse("none"));
        assertTrue(r.body().startsWith("<!DOCTYPE html>"), r.body());
    }

    @Test
    void everyPageRouteAnswersHtml() {
        for (String path : List.of("/", "/projects/new", "/apps/new", "/apps/new?project=shop", "/apps/web",
                "/apps/web/delete")) {
            HttpResponse<String> r = server.get(path);
            assertHtml(r, 200);
            assertTrue(r.body().contains("<link rel=\"stylesheet\" href=\"/static/slipway.css\">"), r.body());
            if (r.body().contains("<form")) {
                assertTrue(r.body().contains("name=\"_csrf\""), path + " has a form without CSRF field: " + r.body());
            }
        }
    }

    @Test
    void dashboardListsProjectsAppsAndNeverDeployed() {
        String body = server.get("/").body();
        assertTrue(body.contains(">shop</h2>"), body);
        assertTrue(body.contains("href=\"/apps/web\""), body);
        assertTrue(body.contains("never deployed"), body);
    }

    @Test
    void creatingAProjectRedirectsToTheDashboardWithANotice() {
        HttpResponse<String> r = PageForms.post(server, "/projects", "name", "blog");
        assertEquals(303, r.statusCode());
        String location = r.headers().firstValue("Location").orElseThrow();
        assertEquals(server.uri("/?done=project-created&name=blog").toString(), location);
        assertTrue(server.get("/?done=project-created&name=blog").body().contains("Project blog created."));
    }

    @Test
    void rejectsProjectWithUppercaseNameKeepingTheInput() {
        HttpResponse<String> r = PageForms.post(server, "/projects", "name", "Bad Name");
        assertHtml(r, 400);
        assertTrue(r.body().contains("must be a DNS label"), r.body());
        assertTrue(r.body().contains("value=\"Bad Name\""), r.body());
        assertTrue(r.body().contains("id=\"err-name\""), r.body());
    }

    @Test
    void rejectsTakenProjectNameNextToTheField() {
        HttpResponse<String> r = PageForms.post(server, "/projects", "name", "shop");
        assertHtml(r, 409);
        assertTrue(r.body().contains("already exists"), r.body());
    }

    @Test
    void rejectsAppWithBadNameKeepingTheInput() {
        HttpResponse<String> r = PageForms.post(server, "/apps", "name", "-web-", "project", "shop");
        assertHtml(r, 400);
        assertTrue(r.body().contains("must be a DNS label"), r.body());
        assertTrue(r.body().contains("value=\"-web-\""), r.body());
    }

    @Test
    void rejectsAppInUnknownProject() {
        HttpResponse<String> r = PageForms.post(server, "/apps", "name", "orphan", "project", "nowhere");
        assertHtml(r, 400);
        assertTrue(r.body().contains("id=\"err-project\""), r.body());
    }

    @Test
    void escapesUserInput() {
        HttpResponse<String> r = PageForms.post(server, "/projects", "name", "<script>alert(1)</script>");
        assertHtml(r, 400);
        assertFalse(r.body().contains("<script>alert(1)"), r.body());
        assertTrue(r.body().contains("&lt;script&gt;"), r.body());
    }

    @Test
    void unknownPageIs404Html() {
        HttpResponse<String> r = server.get("/no/such/page");
        assertHtml(r, 404);
        assertTrue(r.body().contains("Nothing here"), r.body());
    }

    @Test
    void unknownAppIs404HtmlNamingIt() {
        HttpResponse<String> r = server.get("/apps/ghost");
        assertHtml(r, 404);
        assertTrue(r.body().contains("App &#39;ghost&#39; does not exist."), r.body());
    }

    @Test
    void servesStylesheetAndFavicon() {
        assertEquals(200, server.get("/static/slipway.css").statusCode());
        assertEquals(200, server.get("/static/favicon.svg").statusCode());
        assertEquals(200, server.get("/static/slipway.js").statusCode());
    }
}
