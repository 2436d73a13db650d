package io.slipway.core.health.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.plugin.testkit.TestStepContext;
import io.slipway.plugin.api.StepCancelledException;
import io.slipway.plugin.api.config.Config;
import io.slipway.plugin.api.deploy.Endpoint;
import io.slipway.plugin.api.deploy.Release;
import io.slipway.plugin.api.health.HealthResult;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TcpHealthCheckerTest {
    private final TcpHealthChecker checker = new TcpHealthChecker();

    @Test
    void healthyWhenPortAcceptsConnections() throws IOException {
        try (ServerSocket open = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            HealthResult r = checker.check(releaseOn(open.getLocalPort()), config(Map.of()), TestStepContext.withTimeout(Duration.ofSeconds(5)));
            assertTrue(r.healthy(), r.detail());
            assertEquals(1, r.attempts());
        }
    }

    @Test
    void closedPortIsUnhealthyAfterRetries() throws IOException {
        HealthResult r = checker.check(releaseOn(closedPort()), config(Map.of("retries", 2, "intervalSeconds", 0.01)),
                TestStepContext.withTimeout(Duration.ofSeconds(5)));
        assertFalse(r.healthy());
        assertEquals(3, r.attempts());
        assertTrue(r.detail().contains("refused"), r.detail());
    }

    /** What Docker's port proxy does when nothing listens in the container. */
    @Test
    void portThatClosesEveryConnectionAtOnceIsUnhealthy() throws Exception {
        try (ServerSocket proxy = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread closer = new Thread(() -> {
                while (!proxy.isClosed()) {
                    try {
                        proxy.accept().close();
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            closer.setDaemon(true);
            closer.start();
            HealthResult r = checker.check(releaseOn(proxy.getLocalPort()), config(Map.of("retries", 1,
                    "intervalSeconds", 0.01)), TestStepContext.withTimeout(Duration.ofSeconds(5)));
            assertFalse(r.healthy(), r.detail());
            assertTrue(r.detail().contains("closed it at once"), r.detail());
        }
    }

    @Test
    void neverBlocksPastTheStepDeadline() throws IOException {
        long start = System.nanoTime();
        HealthResult r = checker.check(releaseOn(closedPort()), config(Map.of("retries", 100, "intervalSeconds", 1)),
                TestStepContext.withTimeout(Duration.ofMillis(300)));
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertFalse(r.healthy());
        assertTrue(r.detail().contains("deadline"), r.detail());
        assertTrue(ms < 1_500, "took " + ms + " ms");
    }

    @Test
    void cancellationBetweenAttemptsStopsTheCheck() throws IOException {
        TestStepContext step = TestStepContext.withTimeout(Duration.ofSeconds(60));
        CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS).execute(step::cancel);
        long start = System.nanoTime();
        assertThrows(StepCancelledException.class, () -> checker.check(releaseOn(closedPort()),
                config(Map.of("retries", 5, "intervalSeconds", 30)), step));
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 2_000);
        assertTrue(step.lines().stream().anyMatch(l -> l.contains("attempt 1/6")), step.lines().toString());
    }

    private Config config(Map<String, ?> raw) {
        return checker.configSchema().parse(raw);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static Release releaseOn(int port) {
        return new Release("c1", "web", "production", "1", Optional.of(new Endpoint("127.0.0.1", port)), Map.of());
    }
}
