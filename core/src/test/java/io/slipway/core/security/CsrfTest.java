package io.slipway.core.security;

import static io.slipway.core.security.SecurityFixtures.fields;
import static io.slipway.core.security.SecurityFixtures.logIn;
import static io.slipway.core.security.SecurityFixtures.postForm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.core.testing.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CsrfTest {
    private static TestServer server;
    private static SecurityFixtures.Session session;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        session = logIn(server, "admin", TestServer.ADMIN_PASSWORD);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aFormWithoutTheTokenIsRefused() {
        HttpResponse<String> r = postForm(server.asAnonymous(), "/projects", fields("name", "no-token"), "Cookie", session.header());
        assertEquals(403, r.statusCode());
        assertTrue(r.body().contains("CSRF"), r.body());
        assertEquals(404, server.get("/api/v1/projects/no-token").statusCode());
    }

    @Test
    void aFormWithAWrongTokenIsRefused() {
        HttpResponse<String> r = postForm(server.asAnonymous(), "/projects", fields("_csrf", "forged", "name", "forged"),
                "Cookie", session.header());
        assertEquals(403, r.statusCode());
    }

    @Test
    void aFormWithTheSessionsTokenWorks() {
        HttpResponse<String> r = postForm(server.asAnonymous(), "/projects", fields("_csrf", session.csrf(), "name", "with-token"),
                "Cookie", session.header());
        assertEquals(303, r.statusCode(), r.body());
        assertEquals(200, server.get("/api/v1/projects/with-token").statusCode());
    }

    @Test
    void jsonWithACookieNeedsTheHeader() {
        HttpRequest.Builder base = HttpRequest.newBuilder(server.uri("/api/v1/projects")).header("Content-Type", "application/json")
                .header("Cookie", session.header());
        HttpResponse<String> without = server.asAnonymous().send(base.copy()
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"json-no\"}")).build());
        assertEquals(403, without.statusCode());
        assertTrue(without.body().contains("\"forbidden\""), without.body());
        HttpResponse<String> with = server.asAnonymous().send(base.copy().header(AccessFilter.CSRF_HEADER, session.csrf())
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"json-yes\"}")).build());
        assertEquals(201, with.statusCode(), with.body());
    }

    @Test
    void aMultipartUploadCarriesTheTokenAsItsFirstField() {
        String boundary = "csrfboundary";
        String withToken = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + session.csrf()
                + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.jar\"\r\n"
                + "Content-Type: application/java-archive\r\n\r\nnot a jar\r\n--" + boundary + "--\r\n";
        HttpResponse<String> accepted = upload(withToken, boundary);
        assertTrue(accepted.statusCode() != 403, "past the CSRF check, refused as a bad JAR: " + accepted.statusCode());
        HttpResponse<String> refused = upload(withToken.replace(session.csrf(), "forged"), boundary);
        assertEquals(403, refused.statusCode());
    }

    private static HttpResponse<String> upload(String body, String boundary) {
        return server.asAnonymous().send(HttpRequest.newBuilder(server.uri("/plugins"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary).header("Cookie", session.header())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    @Test
    void bearerTokensNeedNoCsrfToken() {
        assertEquals(201, server.postJson("/api/v1/projects", "{\"name\":\"bearer\"}").statusCode());
    }

    @Test
    void pagesCarryTheSessionsTokenInEveryForm() {
        HttpResponse<String> page = server.asAnonymous().send(HttpRequest.newBuilder(server.uri("/projects/new"))
                .header("Cookie", session.header()).GET().build());
        assertTrue(page.body().contains("name=\"_csrf\" value=\"" + session.csrf() + "\""), page.body());
    }
}
