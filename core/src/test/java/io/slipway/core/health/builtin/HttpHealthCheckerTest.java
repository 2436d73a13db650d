package io.slipway.core.health.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.slipway.plugin.testkit.TestStepContext;
import io.slipway.plugin.api.StepCancelledException;
import io.slipway.plugin.api.config.Config;
import io.slipway.plugin.api.config.InvalidConfigException;
import io.slipway.plugin.api.deploy.Endpoint;
import io.slipway.plugin.api.deploy.Release;
import io.slipway.plugin.api.health.HealthResult;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpHealthCheckerTest {
    private final HttpHealthChecker checker = new HttpHealthChecker();
    private final AtomicInteger calls = new AtomicInteger();
    private final CountDownLatch release = new CountDownLatch(1);
    private final ExecutorService handlers = Executors.newCachedThreadPool();
    private HttpServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(handlers);
        server.createContext("/ok", ex -> {
            calls.incrementAndGet();
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        server.createContext("/redirect", ex -> {
            ex.getResponseHeaders().add("Location", "/elsewhere");
            ex.sendResponseHeaders(302, -1);
            ex.close();
        });
        server.createContext("/broken", ex -> {
            calls.incrementAndGet();
            ex.sendResponseHeaders(503, -1);
            ex.close();
        });
        server.createContext("/third-time", ex -> {
            ex.sendResponseHeaders(calls.incrementAndGet() >= 3 ? 204 : 500, -1);
            ex.close();
        });
        server.createContext("/slow", ex -> {
            calls.incrementAndGet();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        release.countDown();
        server.stop(0);
        handlers.shutdownNow();
    }

    @Test
    void healthyWhenPathAnswersInRange() {
        HealthResult r = checker.check(releaseOn(port()), config(Map.of("path", "/ok")), step(5));
        assertTrue(r.healthy(), r.detail());
        assertEquals(1, r.attempts());
        assertEquals("GET /ok answered 200", r.detail());
    }

    @Test
    void redirectCountsAsAnswerInDefaultRange() {
        assertTrue(checker.check(releaseOn(port()), config(Map.of("path", "/redirect")), step(5)).healthy());
    }

    @Test
    void retriesUntilHealthy() {
        HealthResult r = checker.check(releaseOn(port()),
                config(Map.of("path", "/third-time", "intervalSeconds", 0.05, "retries", 5)), step(5));
        assertTrue(r.healthy(), r.detail());
        assertEquals(3, r.attempts());
    }

    @Test
    void anAppReadySoonAfterTheFirstAttemptIsFoundBeforeTheIntervalEnds() {
        TestStepContext step = step(30);
        long start = System.nanoTime();

        HealthResult r = checker.check(releaseOn(port()),
                config(Map.of("path", "/third-time", "intervalSeconds", 10, "retries", 1)), step);

        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(r.healthy(), r.detail());
        assertEquals(2, r.attempts(), "quick probes use up no retry");
        assertTrue(ms < 2_000, "took " + ms + " ms with a 10 s interval");
        assertTrue(step.lines().stream().anyMatch(l -> l.startsWith("Not answering yet")), step.lines().toString());
    }

    @Test
    void quickProbesDoNotShortenTheTimeBeforeGivingUp() {
        long start = System.nanoTime();

        HealthResult r = checker.check(releaseOn(port()),
                config(Map.of("path", "/broken", "intervalSeconds", 0.6, "retries", 1)), step(30));

        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertFalse(r.healthy());
        assertEquals(2, r.attempts());
        assertTrue(ms >= 550, "gave up after " + ms + " ms, before the interval passed");
        assertTrue(calls.get() > 2, "probed between the attempts: " + calls.get());
    }

    @Test
    void unhealthyAfterRetriesWithStatusInDetail() {
        TestStepContext step = step(5);
        HealthResult r = checker.check(releaseOn(port()),
                config(Map.of("path", "/broken", "intervalSeconds", 0.01, "retries", 2)), step);
        assertFalse(r.healthy());
        assertEquals(3, r.attempts());
        assertEquals(3, calls.get());
        assertTrue(r.detail().contains("answered 503, expected 200-399"), r.detail());
        assertEquals(3, step.lines().stream().filter(l -> l.contains("attempt")).count(), step.lines().toString());
    }

    @Test
    void expectedStatusRangeIsHonoured() {
        HealthResult r = checker.check(releaseOn(port()),
                config(Map.of("path", "/broken", "expectedStatus", "500-599", "retries", 0)), step(5));
        assertTrue(r.healthy(), r.detail());
    }

    @Test
    void closedPortIsUnhealthy() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        HealthResult r = checker.check(releaseOn(closed), config(Map.of("retries", 1, "intervalSeconds", 0.01)), step(5));
        assertFalse(r.healthy());
        assertEquals(2, r.attempts());
        assertTrue(r.detail().contains("nothing accepts connections"), r.detail());
    }

    @Test
    void attemptTimesOutAfterTimeoutSeconds() {
        long start = System.nanoTime();
        HealthResult r = checker.check(releaseOn(port()),
                config(Map.of("path", "/slow", "timeoutSeconds", 0.3, "retries", 0)), step(10));
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertFalse(r.healthy());
        assertTrue(r.detail().contains("did not answer within 0.3s"), r.detail());
        assertTrue(ms < 2_000, "took " + ms + " ms");
    }

    @Test
    void neverBlocksPastTheStepDeadline() {
        long start = System.nanoTime();
        HealthResult r = checker.check(releaseOn(port()),
                config(Map.of("path", "/slow", "timeoutSeconds", 30, "retries", 10)), step(0.5));
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertFalse(r.healthy());
        assertTrue(r.detail().contains("deadline"), r.detail());
        assertTrue(ms < 2_000, "took " + ms + " ms");
    }

    @Test
    void startPeriodIsCutShortByTheDeadline() {
        long start = System.nanoTime();
        HealthResult r = checker.check(releaseOn(port()),
                config(Map.of("path", "/ok", "startPeriodSeconds", 60)), step(0.3));
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertFalse(r.healthy());
        assertEquals(0, r.attempts());
        assertTrue(ms < 2_000, "took " + ms + " ms");
    }

    @Test
    void cancellationBetweenAttemptsStopsTheCheck() {
        TestStepContext step = step(30);
        CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS).execute(step::cancel);
        long start = System.nanoTime();
        assertThrows(StepCancelledException.class, () -> checker.check(releaseOn(port()),
                config(Map.of("path", "/broken", "intervalSeconds", 20, "retries", 3)), step));
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        int probes = calls.get();
        // One attempt, then quick probes at 10, 20, 40 and 80 ms gaps before the cancel at 200 ms; none after.
        assertTrue(probes >= 1 && probes <= 6, "probes: " + probes);
        assertTrue(ms < 2_000, "took " + ms + " ms");
        sleepQuietly(300);
        assertEquals(probes, calls.get(), "no probe after the check stopped");
    }

    @Test
    void cancellationDuringAnAttemptStopsTheCheck() {
        TestStepContext step = step(30);
        CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS).execute(step::cancel);
        long start = System.nanoTime();
        assertThrows(StepCancelledException.class, () -> checker.check(releaseOn(port()),
                config(Map.of("path", "/slow", "timeoutSeconds", 20)), step));
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 2_000);
    }

    @Test
    void alreadyCancelledStepMakesNoAttempt() {
        TestStepContext step = step(5);
        step.cancel();
        assertThrows(StepCancelledException.class, () -> checker.check(releaseOn(port()), config(Map.of("path", "/ok")), step));
        assertEquals(0, calls.get());
    }

    @Test
    void releaseWithoutEndpointIsUnhealthy() {
        Release none = new Release("c1", "web", "production", "1", Optional.empty(), Map.of());
        HealthResult r = checker.check(none, config(Map.of()), step(5));
        assertFalse(r.healthy());
        assertTrue(r.detail().contains("no endpoint"), r.detail());
    }

    @Test
    void schemaDefaultsArePathRootAnd200To399() {
        Config c = config(Map.of());
        assertEquals("/", c.text("path").orElseThrow());
        assertEquals("200-399", c.text("expectedStatus").orElseThrow());
    }

    @Test
    void rejectsPathWithoutLeadingSlash() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> config(Map.of("path", "health")));
        assertEquals("path", e.errors().get(0).field());
    }

    @Test
    void rejectsInvertedStatusRangeAndNegativeRetries() {
        Config c = checker.configSchema().parse(Map.of("expectedStatus", "399-200", "retries", -1, "timeoutSeconds", 0));
        var fields = checker.validate(c).stream().map(e -> e.field()).toList();
        assertTrue(fields.containsAll(java.util.List.of("expectedStatus", "retries", "timeoutSeconds")), fields.toString());
    }

    private Config config(Map<String, ?> raw) {
        return checker.configSchema().parse(raw);
    }

    private int port() {
        return server.getAddress().getPort();
    }

    private static Release releaseOn(int port) {
        return new Release("c1", "web", "production", "1", Optional.of(new Endpoint("127.0.0.1", port)), Map.of());
    }

    private static TestStepContext step(double seconds) {
        return TestStepContext.withTimeout(Duration.ofMillis((long) (seconds * 1000)));
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
