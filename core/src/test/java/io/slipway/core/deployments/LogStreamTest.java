package io.slipway.core.deployments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.core.pipeline.PipelineTestSupport;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LogStreamTest {
    private static PipelineTestSupport t;

    @BeforeAll
    static void start() {
        t = PipelineTestSupport.start();
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    /** One SSE event as received. */
    record Event(String id, String name, String data) {
    }

    static List<Event> readEvents(long deploymentId, String lastEventId) throws Exception {
        HttpRequest.Builder req = HttpRequest.newBuilder(t.server.uri("/api/v1/deployments/" + deploymentId
                + "/log/stream")).header("Accept", "text/event-stream").timeout(Duration.ofSeconds(30)).GET();
        if (lastEventId != null) {
            req.header("Last-Event-ID", lastEventId);
        }
        HttpResponse<Stream<String>> r = t.server.http().send(req.build(), HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        List<Event> events = new ArrayList<>();
        String id = null;
        String name = null;
        StringBuilder data = new StringBuilder();
        Iterator<String> lines = r.body().iterator();
        while (lines.hasNext()) {
            String line = lines.next();
            if (line.isEmpty()) {
                if (name != null || id != null) {
                    events.add(new Event(id, name, data.toString()));
                    if ("end".equals(name)) {
                        break;
                    }
                }
                id = null;
                name = null;
                data.setLength(0);
            } else if (line.startsWith("id:")) {
                id = line.substring(3).trim();
            } else if (line.startsWith("event:")) {
                name = line.substring(6).trim();
            } else if (line.startsWith("data:")) {
                data.append(line.substring(5).startsWith(" ") ? line.substring(6) : line.substring(5));
            }
        }
        r.body().close();
        return events;
    }

    @Test
    void streamsLinesLiveNumberedAndEndsWhenTheDeploymentEnds() throws Exception {
        t.app("live", Map.of("builder", "slow"), Map.of("builder", 700L));
        long id = t.deploy("live");
        CompletableFuture<List<Event>> events = CompletableFuture.supplyAsync(() -> {
            try {
                return readEvents(id, null);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        List<Event> got = events.get(30, TimeUnit.SECONDS);
        Event end = got.get(got.size() - 1);
        assertEquals("end", end.name());
        assertEquals("ACTIVE", end.data());
        List<Event> lines = got.subList(0, got.size() - 1);
        for (int i = 0; i < lines.size(); i++) {
            assertEquals(String.valueOf(i), lines.get(i).id(), "line numbers are consecutive from 0");
        }
        String log = t.log(id);
        assertEquals(log.lines().count(), lines.size(), "every line of\n" + log);
        assertTrue(lines.get(lines.size() - 1).data().contains("is live"), lines.toString());
    }

    @Test
    void resumesAfterLastEventId() throws Exception {
        t.app("resume", Map.of());
        long id = t.deploy("resume");
        t.awaitFinal(id);
        List<Event> all = readEvents(id, null);
        List<Event> rest = readEvents(id, "2");
        assertEquals("3", rest.get(0).id());
        assertEquals(all.size() - 3, rest.size());
        assertEquals("end", rest.get(rest.size() - 1).name());
    }

    @Test
    void streamOfAnUnknownDeploymentIs404() {
        assertEquals(404, t.server.get("/api/v1/deployments/424242/log/stream").statusCode());
    }
}
