package io.slipway.core.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.slipway.core.config.SlipwayConfig;
import io.slipway.core.http.JsonMapper;
import io.slipway.core.server.EmbeddedServer;
import io.slipway.core.testing.TestServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A server with tiny limits (3 API requests a minute per token, 2 webhook requests per address):
 * the next one is answered 429 with Retry-After and the API's error shape; other tokens and the
 * health check are not affected. The requests carry their own (made-up) tokens, so the limiter is
 * what answers, whether or not they would authenticate.
 */
class RateLimitApiTest {
    private static EmbeddedServer server;
    private static Path home;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        home = Files.createTempDirectory("slipway-ratelimit-");
        SlipwayConfig base = TestServer.config(home, 1024 * 1024);
        SlipwayConfig tight = new SlipwayConfig(base.home(), 0, 0, base.baseDomain(), base.dbUrl(), "", "",
                Optional.empty(), Optional.empty(), 1, base.maxBodyBytes(), base.maxPluginBytes(), base.publicUrl(),
                Optional.empty(), Optional.empty(), 3, 2);
        server = EmbeddedServer.start(tight, Optional.empty());
        server.core();
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
        try (var files = Files.walk(home)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void answers429WithRetryAfterOncePerTokenLimitIsSpent() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertNotEquals(429, get("/api/v1/projects", "Bearer token-one").statusCode());
        }
        HttpResponse<String> limited = get("/api/v1/projects", "Bearer token-one");
        assertEquals(429, limited.statusCode(), limited.body());
        long retry = Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retry >= 1 && retry <= 20, "Retry-After " + retry);
        JsonNode error = JsonMapper.create().readTree(limited.body()).path("error");
        assertEquals("rate_limited", error.path("code").asText());
        assertEquals(retry, error.path("details").path("retryAfterSeconds").asLong());
        assertTrue(limited.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));

        assertNotEquals(429, get("/api/v1/projects", "Bearer token-two").statusCode(), "another token has its own budget");
        for (int i = 0; i < 5; i++) {
            assertEquals(200, get("/api/v1/health", "Bearer token-one").statusCode(), "health is never limited");
        }

        // A made-up token per request still counts against the client's address (4 x 3 a minute).
        HttpResponse<String> last = null;
        for (int i = 0; i < 13 && (last == null || last.statusCode() != 429); i++) {
            last = get("/api/v1/projects", "Bearer made-up-" + i);
        }
        assertEquals(429, last.statusCode(), last.body());
        assertTrue(last.body().contains("12 a minute per client address"), last.body());
    }

    @Test
    void limitsWebhooksPerClientAddress() throws Exception {
        for (int i = 0; i < 2; i++) {
            assertNotEquals(429, post("/hooks/git/push").statusCode());
        }
        HttpResponse<String> limited = post("/hooks/git/push");
        assertEquals(429, limited.statusCode(), limited.body());
        assertTrue(limited.headers().firstValue("Retry-After").isPresent());
    }

    private static HttpResponse<String> get(String path, String auth) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).header("Authorization", auth).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }
}
