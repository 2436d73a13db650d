package io.slipway.core.security;

import static io.slipway.core.security.SecurityFixtures.fields;
import static io.slipway.core.security.SecurityFixtures.logIn;
import static io.slipway.core.security.SecurityFixtures.postForm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.core.testing.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SecurityPagesTest {
    private static TestServer server;
    private static SecurityFixtures.Session admin;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        admin = logIn(server, "admin", TestServer.ADMIN_PASSWORD);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theAccountPageShowsANewTokenOnceAndItWorks() {
        HttpResponse<String> created = postForm(server.asAnonymous(), "/account/tokens",
                fields("_csrf", admin.csrf(), "name", "laptop", "scope", "read", "expires", ""), "Cookie", admin.header());
        assertEquals(201, created.statusCode(), created.body());
        Matcher m = Pattern.compile("id=\"new-token\">([^<]+)<").matcher(created.body());
        assertTrue(m.find(), created.body());
        String value = m.group(1);
        assertEquals(200, server.as(value).get("/api/v1/projects").statusCode());
        HttpResponse<String> later = get("/account");
        assertTrue(later.body().contains("laptop"));
        assertFalse(later.body().contains(value), "shown once only");
    }

    @Test
    void aBadExpiryIsShownNextToTheField() {
        HttpResponse<String> r = postForm(server.asAnonymous(), "/account/tokens",
                fields("_csrf", admin.csrf(), "name", "x", "scope", "read", "expires", "next week"), "Cookie", admin.header());
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("must be a date such as 2030-01-31"), r.body());
    }

    @Test
    void anAdminAddsAUserAndGrantsProjectAccessOnTheUsersPage() {
        HttpResponse<String> created = postForm(server.asAnonymous(), "/users",
                fields("_csrf", admin.csrf(), "username", "dora", "password", "dora-password-1", "role", "member"),
                "Cookie", admin.header());
        assertEquals(201, created.statusCode(), created.body());
        assertTrue(created.body().contains("dora"));
        assertEquals(201, server.postJson("/api/v1/projects", "{\"name\":\"doras\"}").statusCode());
        HttpResponse<String> granted = postForm(server.asAnonymous(), "/users/members",
                fields("_csrf", admin.csrf(), "project", "doras", "username", "dora", "role", "viewer"), "Cookie", admin.header());
        assertEquals(200, granted.statusCode(), granted.body());
        assertTrue(server.get("/api/v1/projects/doras/members").body().contains("\"viewer\""));

        HttpResponse<String> bad = postForm(server.asAnonymous(), "/users",
                fields("_csrf", admin.csrf(), "username", "Bad Name;", "password", "dora-password-1", "role", "member"),
                "Cookie", admin.header());
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("lower-case letters"), bad.body());
    }

    @Test
    void everyPageShowsWhoIsSignedInWithASignOutForm() {
        String page = get("/").body();
        assertTrue(page.contains(">admin</a>"), page);
        assertTrue(page.contains("action=\"/logout\""), page);
        assertTrue(page.contains("href=\"/users\""), "admins see the users page");
    }

    private static HttpResponse<String> get(String path) {
        return server.asAnonymous().send(HttpRequest.newBuilder(server.uri(path)).header("Cookie", admin.header()).GET().build());
    }
}
