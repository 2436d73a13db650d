package io.slipway.core.security;

import static io.slipway.core.security.SecurityFixtures.createUser;
import static io.slipway.core.security.SecurityFixtures.fields;
import static io.slipway.core.security.SecurityFixtures.form;
import static io.slipway.core.security.SecurityFixtures.logIn;
import static io.slipway.core.security.SecurityFixtures.login;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.core.testing.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LoginTest {
    private TestServer server;

    @BeforeEach
    void start() {
        server = TestServer.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void wrongPasswordIsRefusedWithoutSayingWhichPartWasWrong() {
        HttpResponse<String> wrongPassword = login(server, "admin", "not-the-password");
        HttpResponse<String> noSuchUser = login(server, "nobody", "not-the-password");
        assertEquals(401, wrongPassword.statusCode());
        assertEquals(401, noSuchUser.statusCode());
        assertTrue(wrongPassword.body().contains("Wrong user name or password."), wrongPassword.body());
        assertTrue(noSuchUser.body().contains("Wrong user name or password."));
        assertTrue(wrongPassword.headers().allValues("Set-Cookie").isEmpty());
    }

    @Test
    void loginSetsAHardenedSessionCookieThatOpensPagesUntilLogout() {
        HttpResponse<String> ok = login(server, "admin", TestServer.ADMIN_PASSWORD);
        assertEquals(303, ok.statusCode());
        String cookie = ok.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(cookie.contains("HttpOnly"), cookie);
        assertTrue(cookie.contains("SameSite=Lax"), cookie);
        assertFalse(cookie.contains("Secure"), "plain http on localhost: " + cookie);

        SecurityFixtures.Session s = logIn(server, "admin", TestServer.ADMIN_PASSWORD);
        assertEquals(200, withCookie("/", s).statusCode());
        // The database keeps only a hash of the cookie's value.
        long plain = server.core().service(org.jdbi.v3.core.Jdbi.class).withHandle(h -> h.createQuery(
                "SELECT COUNT(*) FROM sessions WHERE id_hash = :v").bind("v", s.cookie()).mapTo(Long.class).one());
        assertEquals(0, plain);

        HttpResponse<String> out = SecurityFixtures.postForm(server.asAnonymous(), "/logout", fields("_csrf", s.csrf()),
                "Cookie", s.header());
        assertEquals(303, out.statusCode(), out.body());
        HttpResponse<String> after = withCookie("/", s);
        assertEquals(303, after.statusCode());
        assertTrue(after.headers().firstValue("Location").orElse("").contains("/login"));
    }

    @Test
    void aSessionEndsWhenIdleTooLongOrPastItsAbsoluteLifetime() {
        SecurityFixtures.Session idle = logIn(server, "admin", TestServer.ADMIN_PASSWORD);
        SecurityFixtures.Session old = logIn(server, "admin", TestServer.ADMIN_PASSWORD);
        java.time.OffsetDateTime now = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC);
        org.jdbi.v3.core.Jdbi jdbi = server.core().service(org.jdbi.v3.core.Jdbi.class);
        // Time passes in the database (tests do not wait): 13 h unused; 8 days since login.
        jdbi.useHandle(h -> h.createUpdate("UPDATE sessions SET last_seen_at = :t WHERE id_hash = :id")
                .bind("t", now.minusHours(13)).bind("id", io.slipway.core.security.internal.Secrets.sha256(idle.cookie())).execute());
        jdbi.useHandle(h -> h.createUpdate("UPDATE sessions SET expires_at = :t WHERE id_hash = :id")
                .bind("t", now.minusMinutes(1)).bind("id", io.slipway.core.security.internal.Secrets.sha256(old.cookie())).execute());
        assertEquals(303, withCookie("/", idle).statusCode());
        assertEquals(303, withCookie("/", old).statusCode());
        assertEquals(401, server.asAnonymous().send(HttpRequest.newBuilder(server.uri("/api/v1/projects"))
                .header("Cookie", old.header()).GET().build()).statusCode());
    }

    @Test
    void sessionsSurviveARestart() {
        SecurityFixtures.Session s = logIn(server, "admin", TestServer.ADMIN_PASSWORD);
        server.stop();
        server = TestServer.start(server.home(), java.util.Optional.empty(), 10L * 1024 * 1024);
        assertEquals(200, withCookie("/account", s).statusCode());
    }

    @Test
    void aLoginSendsTheUserWhereTheyWereGoingButNeverOffSite() {
        HttpResponse<String> anonymous = server.asAnonymous().get("/plugins?x=1");
        assertEquals(303, anonymous.statusCode());
        assertTrue(anonymous.headers().firstValue("Location").orElseThrow().endsWith("/login?next=plugins%3Fx%3D1"));
        HttpResponse<String> back = SecurityFixtures.postForm(server.asAnonymous(), "/login",
                fields("username", "admin", "password", TestServer.ADMIN_PASSWORD, "next", "plugins?x=1"));
        assertEquals("/plugins?x=1", back.headers().firstValue("Location").orElseThrow().replaceFirst("^http://[^/]+", ""));
        HttpResponse<String> offSite = SecurityFixtures.postForm(server.asAnonymous(), "/login",
                fields("username", "admin", "password", TestServer.ADMIN_PASSWORD, "next", "//evil.example/x"));
        assertEquals("/", offSite.headers().firstValue("Location").orElseThrow().replaceFirst("^http://[^/]+", ""));
    }

    @Test
    void aThousandRapidLoginsAreLimitedThenLockTheAccountWithoutAffectingOthers() throws IOException {
        createUser(server, "alice", "alice-password-1", "member");
        createUser(server, "bob", "bob-password-1", "member");
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            statuses.add(login(server, "alice", "guess-" + i).statusCode());
        }
        assertEquals(401, statuses.get(0));
        assertTrue(statuses.contains(423), "the account was locked: " + statuses.subList(0, 40));
        assertEquals(429, statuses.get(999));
        assertTrue(statuses.subList(40, 1000).stream().allMatch(s -> s == 429), "the address stays limited");
        assertTrue(statuses.stream().allMatch(s -> s == 401 || s == 423 || s == 429), statuses.toString());
        HttpResponse<String> limited = login(server, "bob", "bob-password-1");
        assertEquals(429, limited.statusCode());
        assertTrue(limited.headers().firstValue("Retry-After").isPresent());

        // Another address: bob logs in; alice, even with her right password, is locked for now.
        assertTrue(rawLogin("127.0.0.2", "bob", "bob-password-1").startsWith("HTTP/1.1 303"));
        assertTrue(rawLogin("127.0.0.3", "alice", "alice-password-1").startsWith("HTTP/1.1 423"));
        // API tokens are unaffected.
        assertEquals(200, server.get("/api/v1/projects").statusCode());
    }

    private HttpResponse<String> withCookie(String path, SecurityFixtures.Session s) {
        return server.asAnonymous().send(HttpRequest.newBuilder(server.uri(path)).header("Cookie", s.header()).GET().build());
    }

    /** A login from another loopback address (java.net.http cannot choose its source address on Java 17). */
    private String rawLogin(String from, String username, String password) throws IOException {
        String body = form(fields("username", username, "password", password));
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            socket.connect(new InetSocketAddress("127.0.0.1", server.uri("/").getPort()), 5000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
