package io.slipway.core.security;

import static io.slipway.core.security.SecurityFixtures.createProject;
import static io.slipway.core.security.SecurityFixtures.createUser;
import static io.slipway.core.security.SecurityFixtures.grant;
import static io.slipway.core.security.SecurityFixtures.token;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.core.testing.TestServer;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RolesTest {
    private static TestServer server;
    private static TestServer viewer;
    private static TestServer member;
    private static TestServer outsider;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        createProject(server, "shop");
        createProject(server, "other");
        createUser(server, "vera", "vera-password-1", "viewer");
        createUser(server, "mike", "mike-password-1", "member");
        createUser(server, "otto", "otto-password-1", "member");
        grant(server, "shop", "vera", "viewer");
        grant(server, "shop", "mike", "member");
        viewer = server.as(token(server, "vera", "vera-password-1", "admin", null));
        member = server.as(token(server, "mike", "mike-password-1", "deploy", null));
        outsider = server.as(token(server, "otto", "otto-password-1", "deploy", null));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aViewerReadsTheProjectButCannotDeployOrChangeIt() {
        assertEquals(200, viewer.get("/api/v1/projects/shop").statusCode());
        HttpResponse<String> deploy = viewer.postJson("/api/v1/apps/web/deployments", "{\"ref\":\"main\"}");
        assertEquals(403, deploy.statusCode());
        assertEquals(403, viewer.send("DELETE", "/api/v1/projects/shop", null).statusCode());
        assertEquals(403, viewer.postJson("/api/v1/apps", "{\"project\":\"shop\",\"name\":\"web\"}").statusCode());
    }

    @Test
    void aMemberChangesTheirProjectOnly() {
        HttpResponse<String> own = member.postJson("/api/v1/apps", "{\"project\":\"shop\",\"name\":\"x\"}");
        assertTrue(own.statusCode() != 401 && own.statusCode() != 403, "passes the gate: " + own.statusCode() + own.body());
        HttpResponse<String> foreign = member.postJson("/api/v1/apps", "{\"project\":\"other\",\"name\":\"y\"}");
        assertEquals(403, foreign.statusCode(), foreign.body());
        assertEquals(403, member.get("/api/v1/projects/other").statusCode());
        assertEquals(403, outsider.get("/api/v1/projects/shop").statusCode());
    }

    @Test
    void theCreatorOfAProjectBecomesItsMember() {
        assertEquals(201, outsider.postJson("/api/v1/projects", "{\"name\":\"ottos\"}").statusCode());
        assertEquals(200, outsider.get("/api/v1/projects/ottos").statusCode());
        assertTrue(server.get("/api/v1/projects/ottos/members").body().contains("\"otto\""));
        assertEquals(403, viewer.postJson("/api/v1/projects", "{\"name\":\"veras\"}").statusCode());
    }

    @Test
    void anAdminsDeployScopeTokenWorksInEveryProjectButAdministersNothing() {
        HttpResponse<String> created = server.postJson("/api/v1/users/me/tokens", "{\"name\":\"ci\",\"scope\":\"deploy\"}");
        TestServer ci = server.as(SecurityFixtures.read(created).get("token").asText());
        HttpResponse<String> app = ci.postJson("/api/v1/apps", "{\"project\":\"other\",\"name\":\"z\"}");
        assertTrue(app.statusCode() != 401 && app.statusCode() != 403, "passes the gate: " + app.statusCode() + app.body());
        assertTrue(ci.get("/api/v1/projects").body().contains("\"other\""), "sees every project");
        assertEquals(403, ci.get("/api/v1/users").statusCode());
        assertEquals(403, ci.postJson("/api/v1/notification-targets", "{}").statusCode());
    }

    @Test
    void listsShowANonAdminOnlyTheirProjects() {
        String listed = member.get("/api/v1/projects").body();
        assertTrue(listed.contains("\"shop\""), listed);
        assertTrue(!listed.contains("\"other\""), listed);
        assertTrue(server.get("/api/v1/projects").body().contains("\"other\""));
    }

    @Test
    void theDashboardShowsANonAdminOnlyTheirProjects() {
        String page = member.get("/").body();
        assertTrue(page.contains("id=\"project-shop\""), page);
        assertTrue(!page.contains("id=\"project-other\""), page);
        assertTrue(server.get("/").body().contains("id=\"project-other\""));
    }

    @Test
    void onlyAdminsManageUsersPluginsAndMembers() {
        assertEquals(403, member.get("/api/v1/users").statusCode());
        assertEquals(403, member.get("/api/v1/plugins").statusCode());
        assertEquals(403, member.send("PUT", "/api/v1/projects/shop/members/otto", "{\"role\":\"member\"}").statusCode());
        assertEquals(200, member.get("/api/v1/users/me").statusCode());
        assertEquals(200, server.get("/api/v1/users").statusCode());
    }

    @Test
    void adminPagesAreForbiddenToOthers() {
        assertEquals(403, member.get("/users").statusCode());
        assertEquals(403, member.get("/plugins").statusCode());
        assertEquals(200, member.get("/account").statusCode());
    }

    @Test
    void badRoleAndUserInputIsAFieldError() {
        HttpResponse<String> role = server.postJson("/api/v1/users", "{\"username\":\"zed\",\"password\":\"zed-password-1\",\"role\":\"root\"}");
        assertEquals(400, role.statusCode());
        HttpResponse<String> name = server.postJson("/api/v1/users", "{\"username\":\"../etc;rm\",\"password\":\"zed-password-1\"}");
        assertEquals(400, name.statusCode());
        assertTrue(name.body().contains("username"), name.body());
        HttpResponse<String> shortPassword = server.postJson("/api/v1/users", "{\"username\":\"zed\",\"password\":\"short\"}");
        assertEquals(400, shortPassword.statusCode());
        assertEquals(409, server.postJson("/api/v1/users", "{\"username\":\"mike\",\"password\":\"mike-password-2\"}").statusCode());
        assertEquals(409, server.send("DELETE", "/api/v1/users/admin", null).statusCode(), "the last admin stays");
    }
}
