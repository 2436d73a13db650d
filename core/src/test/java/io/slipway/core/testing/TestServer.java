package io.slipway.core.testing;

import io.slipway.core.config.SlipwayConfig;
import io.slipway.core.server.EmbeddedServer;
import io.slipway.core.server.SlipwayCore;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A real Slipway (embedded Jetty, H2 in a temporary SLIPWAY_HOME) on a free port on 127.0.0.1,
 * for tests that go through HTTP. Close it to stop the server and delete its home.
 *
 * <pre>{@code
 * try (TestServer server = TestServer.start()) {
 *     HttpResponse<String> r = server.get("/api/v1/health");
 * }
 * }</pre>
 */
public final class TestServer implements AutoCloseable {
    private final EmbeddedServer server;
    private final Path home;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestServer(EmbeddedServer server, Path home) {
        this.server = server;
        this.home = home;
    }

    public static TestServer start() {
        return start(Optional.empty(), 10L * 1024 * 1024);
    }

    public static TestServer start(Optional<Path> bundledPlugins, long maxBodyBytes) {
        try {
            Path home = Files.createTempDirectory("slipway-test-");
            return start(home, bundledPlugins, maxBodyBytes);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Starts on an existing home (a restart keeps the database and installed plugins). */
    public static TestServer start(Path home, Optional<Path> bundledPlugins, long maxBodyBytes) {
        SlipwayConfig config = config(home, maxBodyBytes);
        try {
            EmbeddedServer server = EmbeddedServer.start(config, bundledPlugins);
            TestServer t = new TestServer(server, home);
            t.core();
            return t;
        } catch (Exception e) {
            throw new IllegalStateException("test server did not start", e);
        }
    }

    public static SlipwayConfig config(Path home, long maxBodyBytes) {
        return new SlipwayConfig(home, 0, 0, "localhost",
                "jdbc:h2:file:" + home.resolve("data/slipway") + ";DB_CLOSE_ON_EXIT=FALSE", "", "",
                Optional.empty(), Optional.empty(), 2, maxBodyBytes, 128L * 1024 * 1024, "http://localhost", Optional.empty());
    }

    public SlipwayCore core() {
        return server.core();
    }

    public Path home() {
        return home;
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    public HttpClient http() {
        return http;
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    public HttpResponse<String> postJson(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public HttpResponse<String> send(String method, String path, String json) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stops the server but keeps its home, for restart tests. */
    public void stop() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        stop();
        try (Stream<Path> files = Files.walk(home)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp folder left behind is harmless
        }
    }
}
