package io.slipway.core.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import io.slipway.core.testing.TestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every request gets an id, answered in X-Request-Id and carried by the lines it logs. */
class RequestIdFilterTest {
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private HttpResponse<String> getWithId(String path, String requestId) {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri(path)).GET();
        if (requestId != null) {
            b.header(RequestIdFilter.HEADER, requestId);
        }
        return server.send(b.build());
    }

    @Test
    void answersTheCallersIdAndLogsItInJson() {
        try (LogCapture access = new LogCapture("io.slipway.access", Level.DEBUG)) {
            HttpResponse<String> r = getWithId("/api/v1/apps", "trace-4f2a.77:x");
            assertEquals(200, r.statusCode(), r.body());
            assertEquals("trace-4f2a.77:x", r.headers().firstValue(RequestIdFilter.HEADER).orElseThrow());

            JsonNode line = access.await(l -> "trace-4f2a.77:x".equals(l.path("mdc").path(LogFields.REQUEST_ID).asText()));
            assertEquals("DEBUG", line.get("level").asText());
            String message = line.get("formattedMessage").asText();
            assertTrue(message.startsWith("GET /api/v1/apps -> 200 in "), message);
            assertTrue(line.get("timestamp").asLong() > 0, line.toString());
        }
    }

    @Test
    void givesARequestWithoutIdAFreshOneEachTime() {
        String first = getWithId("/api/v1/health", null).headers().firstValue(RequestIdFilter.HEADER).orElseThrow();
        String second = getWithId("/api/v1/health", null).headers().firstValue(RequestIdFilter.HEADER).orElseThrow();
        assertTrue(first.matches("[0-9a-f]{16}"), first);
        assertNotEquals(first, second);
    }

    @Test
    void replacesAnIncomingIdThatCouldForgeALogLine() {
        for (String bad : new String[] {"a b", "<script>", "x".repeat(65), "id\"}{\"level\":\"ERROR", ""}) {
            String answered = getWithId("/api/v1/health", bad).headers().firstValue(RequestIdFilter.HEADER)
                    .orElseThrow();
            assertTrue(answered.matches("[0-9a-f]{16}"), bad + " -> " + answered);
        }
    }

    @Test
    void refusedRequestsCarryAnIdToo() {
        HttpResponse<String> r = server.asAnonymous().send(HttpRequest.newBuilder(server.uri("/api/v1/apps"))
                .header(RequestIdFilter.HEADER, "anon-1").GET().build());
        assertEquals(401, r.statusCode(), r.body());
        assertEquals("anon-1", r.headers().firstValue(RequestIdFilter.HEADER).orElseThrow());
    }
}
