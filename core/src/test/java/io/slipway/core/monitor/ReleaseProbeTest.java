package io.slipway.core.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.slipway.core.health.builtin.BuiltinHealthCheckers;
import io.slipway.core.monitor.internal.ReleaseProbe;
import io.slipway.core.pipeline.ActiveRelease;
import io.slipway.core.pipeline.ChosenExtension;
import io.slipway.core.plugins.ExtensionInvoker;
import io.slipway.core.plugins.ExtensionRegistry;
import io.slipway.core.plugins.RegisteredExtension;
import io.slipway.core.plugins.internal.PluginLeases;
import io.slipway.plugin.api.deploy.Endpoint;
import io.slipway.plugin.api.deploy.Release;
import io.slipway.plugin.api.health.HealthResult;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One probe of a live release with the built-in {@code http} checker: one attempt, whatever its retries say. */
class ReleaseProbeTest {
    private final AtomicInteger status = new AtomicInteger(200);
    private final AtomicInteger requests = new AtomicInteger();
    private HttpServer app;
    private ReleaseProbe probe;
    private ChosenExtension http;
    private ActiveRelease release;

    @BeforeEach
    void start() throws Exception {
        app = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        app.createContext("/health", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        app.start();
        ExtensionRegistry registry = new ExtensionRegistry();
        registry.put(ExtensionRegistry.CORE, BuiltinHealthCheckers.extensions());
        RegisteredExtension checker = registry.list(io.slipway.plugin.api.ExtensionPointId.HEALTH).stream()
                .filter(e -> e.id().equals("http")).findFirst().orElseThrow();
        // The app's schedule suits a starting release: 15 retries 2 s apart after a 5 s start period.
        http = new ChosenExtension(checker, checker.extension().configSchema().parse(Map.of("path", "/health",
                "retries", "15", "intervalSeconds", "2", "startPeriodSeconds", "5", "timeoutSeconds", "2")));
        release = new ActiveRelease(1, "production", 7, new Release("web-7", "web", "production", "7",
                Optional.of(new Endpoint("127.0.0.1", app.getAddress().getPort())), Map.of()), Instant.now());
        probe = new ReleaseProbe(new ExtensionInvoker(registry, new PluginLeases()), Path.of("target", "monitor-test"),
                Duration.ofSeconds(3), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        app.stop(0);
    }

    @Test
    void aFailingEndpointIsProbedOnceWithoutWaitingForTheStartPeriod() {
        status.set(500);
        long started = System.nanoTime();
        HealthResult r = probe.probe("web", release, http);
        assertFalse(r.healthy());
        assertEquals(1, requests.get(), r.toString());
        assertTrue(r.detail().contains("answered 500"), r.detail());
        assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofSeconds(2)) < 0,
                "no start period, no retries");
    }

    @Test
    void aHealthyEndpointIsHealthy() {
        HealthResult r = probe.probe("web", release, http);
        assertTrue(r.healthy(), r.toString());
        assertEquals(1, requests.get());
    }

    @Test
    void aReleaseWithoutEndpointIsUnhealthy() {
        ActiveRelease none = new ActiveRelease(1, "production", 8, new Release("web-8", "web", "production", "8",
                Optional.empty(), Map.of()), Instant.now());
        HealthResult r = probe.probe("web", none, http);
        assertFalse(r.healthy());
        assertTrue(r.detail().contains("no endpoint"), r.detail());
    }
}
