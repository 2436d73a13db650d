package io.slipway.core.notifications;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.slipway.core.pipeline.PipelineTestSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A pipeline test server with the reactor-built Slack plugin installed, and helpers to add
 * notification targets and wait for their deliveries.
 */
final class NotificationsTestSupport {
    static final Path SLACK_JAR = Path.of("..", "plugins", "slack", "target", "slack-0.1.0-SNAPSHOT.jar");

    private NotificationsTestSupport() {
    }

    /** Starts a server with the Slack plugin bundled. */
    static PipelineTestSupport start() {
        if (!Files.isRegularFile(SLACK_JAR)) {
            fail("The Slack plugin JAR is missing at " + SLACK_JAR.toAbsolutePath().normalize()
                    + ": build it first with `cd /work/main && mvn -q -pl plugins/slack install`.");
        }
        try {
            Path bundled = Files.createTempDirectory("slipway-bundled-");
            Files.copy(SLACK_JAR, bundled.resolve("slack.jar"));
            return PipelineTestSupport.start(Optional.of(bundled));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adds a target (to an app when {@code app} is given) and returns its id. */
    static long target(PipelineTestSupport t, Optional<String> app, String name, String type, Map<String, Object> config,
                       List<String> events) {
        String body = PipelineTestSupport.write(Map.of("name", name, "notifier", Map.of("type", type, "config", config),
                "events", events));
        HttpResponse<String> r = t.server.postJson(app.map(a -> "/api/v1/apps/" + a).orElse("/api/v1")
                + "/notification-targets", body);
        PipelineTestSupport.ok(r, 201);
        return PipelineTestSupport.read(r.body()).get("id").asLong();
    }

    static JsonNode target(PipelineTestSupport t, long id) {
        HttpResponse<String> r = t.server.get("/api/v1/notification-targets/" + id);
        PipelineTestSupport.ok(r, 200);
        return PipelineTestSupport.read(r.body());
    }

    /** Waits until a delivery of the target satisfies {@code done} and returns it. */
    static JsonNode awaitDelivery(PipelineTestSupport t, long target, Predicate<JsonNode> done, Duration limit) {
        long until = System.nanoTime() + limit.toNanos();
        while (true) {
            for (JsonNode d : target(t, target).get("lastDeliveries")) {
                if (done.test(d)) {
                    return d;
                }
            }
            if (System.nanoTime() > until) {
                throw new AssertionError("no such delivery of target " + target + " in " + limit + ": " + target(t, target));
            }
            PipelineTestSupport.sleep(25);
        }
    }

    static Predicate<JsonNode> status(String event, String status) {
        return d -> d.get("event").asText().equals(event) && d.get("status").asText().equals(status);
    }
}
