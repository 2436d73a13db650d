package io.slipway.core.monitoring;

import static io.slipway.core.pipeline.PipelineTestSupport.read;
import static io.slipway.core.webhooks.WebhookTestSupport.SHA;
import static io.slipway.core.webhooks.WebhookTestSupport.push;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.core.webhooks.WebhookTestSupport;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code slipway_webhook_deliveries_seconds{outcome}} counts and times every delivery by what came of it. */
class WebhookMetersTest {
    @Test
    void metricsCountAndTimeWebhookDeliveriesByOutcome() {
        try (WebhookTestSupport t = WebhookTestSupport.start()) {
            String secret = t.app("web", "acme/shop", "main");
            HttpResponse<String> queued = t.deliver("push", push("acme/shop", "refs/heads/main", SHA), secret);
            assertEquals(202, queued.statusCode(), queued.body());
            long id = read(queued.body()).get("deployments").get(0).asLong();
            assertEquals(401, t.deliver("push", push("acme/shop", "refs/heads/main", SHA), "wrong-secret-wrong")
                    .statusCode());
            var server = t.pipeline.server;
            assertEquals(404, server.send(HttpRequest.newBuilder(server.uri("/hooks/no-such-plugin"))
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build()).statusCode());
            assertEquals(404, server.send(HttpRequest.newBuilder(server.uri("/hooks/Not%20A%20Plugin"))
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build()).statusCode());
            t.pipeline.awaitFinal(id);

            String text = server.get("/metrics").body();
            assertEquals(1, count(text, "queued"), text);
            assertEquals(2, count(text, "no_receiver"), text);
            String refused = read(t.deliver("push", push("acme/shop", "refs/heads/main", SHA), "wrong-secret-wrong")
                    .body()).get("error").get("code").asText();
            assertEquals(2, count(server.get("/metrics").body(), refused), "outcome " + refused);
            assertTrue(text.contains("slipway_webhook_deliveries_seconds_bucket{application=\"slipway\",outcome=\"queued\""),
                    text);
            assertTrue(sum(text, "queued") > 0, text);
        }
    }

    @Test
    void anOutcomeThatIsNoTagValueIsCountedAsOther() {
        assertEquals("other", WebhookMeters.outcomeOf(Map.of("status", "Queued Now!")));
        assertEquals("other", WebhookMeters.outcomeOf(Map.of("status", "x".repeat(41))));
        assertEquals("bad_signature", WebhookMeters.outcomeOf(Map.of("error", Map.of("code", "bad_signature"))));
        assertEquals("error", WebhookMeters.outcomeOf(Map.of()));
        var registry = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        new WebhookMeters(registry).record(Map.of("status", "ignored"), Duration.ofMillis(5));
        assertEquals(1, registry.get(WebhookMeters.NAME).tag("outcome", "ignored").timer().count());
    }

    private static long count(String metrics, String outcome) {
        Matcher m = Pattern.compile("slipway_webhook_deliveries_seconds_count\\{application=\"slipway\",outcome=\""
                + Pattern.quote(outcome) + "\"} (\\d+)").matcher(metrics);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    private static double sum(String metrics, String outcome) {
        Matcher m = Pattern.compile("slipway_webhook_deliveries_seconds_sum\\{application=\"slipway\",outcome=\""
                + Pattern.quote(outcome) + "\"} ([0-9.Ee-]+)").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
