package io.slipway.core.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slipway.core.testing.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Users, sessions and tokens for the security tests, made through the HTTP API like a client would. */
public final class SecurityFixtures {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern COOKIE = Pattern.compile(AccessFilter.SESSION_COOKIE + "=([^;]*)");

    /** A browser session: the cookie's value and the CSRF token its pages carry. */
    record Session(String cookie, String csrf) {
        String header() {
            return AccessFilter.SESSION_COOKIE + "=" + cookie;
        }
    }

    private SecurityFixtures() {
    }

    static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    static Map<String, String> fields(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    static HttpResponse<String> postForm(TestServer server, String path, Map<String, String> fields, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(fields)));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return server.send(b.build());
    }

    /** {@code POST /login}, without any credential. */
    static HttpResponse<String> login(TestServer server, String username, String password) {
        return postForm(server.asAnonymous(), "/login", fields("username", username, "password", password));
    }

    /** Logs in and reads the CSRF token off the account page. */
    static Session logIn(TestServer server, String username, String password) {
        HttpResponse<String> r = login(server, username, password);
        assertEquals(303, r.statusCode(), r.body());
        String setCookie = r.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(AccessFilter.SESSION_COOKIE + "=")).findFirst().orElseThrow();
        Matcher m = COOKIE.matcher(setCookie);
        m.find();
        String cookie = m.group(1);
        HttpResponse<String> account = server.asAnonymous().send(HttpRequest.newBuilder(server.uri("/account"))
                .header("Cookie", AccessFilter.SESSION_COOKIE + "=" + cookie).GET().build());
        assertEquals(200, account.statusCode(), account.body());
        Matcher csrf = CSRF.matcher(account.body());
        if (!csrf.find()) {
            throw new AssertionError("no CSRF token on the account page: " + account.body());
        }
        return new Session(cookie, csrf.group(1));
    }

    /** Creates a user through the admin API. */
    public static void createUser(TestServer admin, String username, String password, String role) {
        HttpResponse<String> r = admin.postJson("/api/v1/users",
                "{\"username\":\"" + username + "\",\"password\":\"" + password + "\",\"role\":\"" + role + "\"}");
        assertEquals(201, r.statusCode(), r.body());
    }

    static void createProject(TestServer admin, String name) {
        HttpResponse<String> r = admin.postJson("/api/v1/projects", "{\"name\":\"" + name + "\"}");
        assertEquals(201, r.statusCode(), r.body());
    }

    public static void grant(TestServer admin, String project, String username, String role) {
        HttpResponse<String> r = admin.send("PUT", "/api/v1/projects/" + project + "/members/" + username,
                "{\"role\":\"" + role + "\"}");
        assertEquals(200, r.statusCode(), r.body());
    }

    /** Creates an API token for {@code username} (logging them in) and returns its value. */
    public static String token(TestServer server, String username, String password, String scope, String expiresAt) {
        Session s = logIn(server, username, password);
        String body = "{\"name\":\"t-" + scope + "\",\"scope\":\"" + scope + "\""
                + (expiresAt == null ? "" : ",\"expiresAt\":\"" + expiresAt + "\"") + "}";
        HttpResponse<String> r = server.asAnonymous().send(HttpRequest.newBuilder(server.uri("/api/v1/users/me/tokens"))
                .header("Content-Type", "application/json").header("Cookie", s.header())
                .header(AccessFilter.CSRF_HEADER, s.csrf())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        assertEquals(201, r.statusCode(), r.body());
        return read(r).get("token").asText();
    }

    static JsonNode read(HttpResponse<String> r) {
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(r.body(), e);
        }
    }
}
