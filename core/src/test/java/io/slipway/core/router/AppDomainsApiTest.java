package io.slipway.core.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** {@code /api/v1/apps/{app}/domains}: adding, reading and removing custom domains, and every refusal. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AppDomainsApiTest {
    private RouterTestSupport t;

    @BeforeAll
    void start() {
        t = RouterTestSupport.start();
        t.app("site");
        t.app("other");
    }

    @AfterAll
    void stop() {
        t.close();
    }

    private HttpResponse<String> put(String app, String domain) {
        return t.server.send("PUT", "/api/v1/apps/" + app + "/domains/" + domain, null);
    }

    @Test
    void putAddsOnceAndIsIdempotent() {
        HttpResponse<String> first = put("site", "www.site.example");
        assertEquals(201, first.statusCode(), first.body());
        assertTrue(first.body().contains("\"domain\":\"www.site.example\""), first.body());
        assertTrue(first.body().contains("\"app\":\"site\""), first.body());
        assertEquals(200, put("site", "www.site.example").statusCode());
        assertEquals(200, t.server.get("/api/v1/apps/site/domains/www.site.example").statusCode());
        assertTrue(t.server.get("/api/v1/apps/site/domains").body().contains("www.site.example"));
    }

    @Test
    void deleteRemovesTheDomain() {
        assertEquals(201, put("site", "old.site.example").statusCode());
        assertEquals(204, t.server.send("DELETE", "/api/v1/apps/site/domains/old.site.example", null).statusCode());
        assertEquals(404, t.server.get("/api/v1/apps/site/domains/old.site.example").statusCode());
        assertEquals(404, t.server.send("DELETE", "/api/v1/apps/site/domains/old.site.example", null).statusCode());
    }

    @Test
    void rejectsDomainOfAnotherAppWith409() {
        assertEquals(201, put("site", "shared.example.net").statusCode());
        HttpResponse<String> r = put("other", "shared.example.net");
        assertEquals(409, r.statusCode());
        assertTrue(r.body().contains("\"code\":\"conflict\""), r.body());
    }

    @Test
    void rejectsUnknownAppWith404() {
        HttpResponse<String> r = put("nosuchapp", "x.example.com");
        assertEquals(404, r.statusCode());
        assertTrue(r.body().contains("\"code\":\"not_found\""), r.body());
        assertEquals(404, t.server.get("/api/v1/apps/nosuchapp/domains").statusCode());
    }

    @Test
    void rejectsUpperCaseDomain() {
        assertInvalid("WWW.Example.com", "lower-case");
    }

    @Test
    void rejectsWildcardDomain() {
        assertInvalid("*.example.com", "wildcard");
    }

    @Test
    void rejectsDomainLongerThan253Characters() {
        String label = "a".repeat(60);
        assertInvalid(String.join(".", label, label, label, label, "example.com"), "253");
    }

    @Test
    void rejectsBadLabels() {
        assertInvalid("-bad.example.com", "host name");
        assertInvalid("under_score.example.com", "host name");
        assertInvalid("a..example.com", "host name");
        assertInvalid("x" + "y".repeat(63) + ".example.com", "host name");
    }

    @Test
    void rejectsSingleLabelAndIpAddress() {
        assertInvalid("intranet", "two labels");
        assertInvalid("10.0.0.1", "IP address");
    }

    @Test
    void rejectsDomainUnderTheBaseDomain() {
        assertInvalid("other.localhost", "base domain");
    }

    private void assertInvalid(String domain, String why) {
        HttpResponse<String> r = put("site", domain);
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.body().contains("\"code\":\"invalid_input\""), r.body());
        assertTrue(r.body().contains("\"domain\""), r.body());
        assertTrue(r.body().contains(why), r.body());
    }
}
