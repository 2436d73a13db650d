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
    /** The admin API token every test server starts with (SLIPWAY_ADMIN_TOKEN); requests send it. */
    public static final String ADMIN_TOKEN = "test-admin-token-0123456789abcdef";
    /** The password of user {@code admin} (SLIPWAY_ADMIN_PASSWORD), for tests that log in. */
    public static final String ADMIN_PASSWORD = "test-admin-password";

    private final EmbeddedServer server;
    private final Path home;
    private final HttpClient http;
    private final Optional<String> token;
    private final boolean owner;

    private TestServer(EmbeddedServer server, Path home, HttpClient http, Optional<String> token, boolean owner) {
        this.server = server;
        this.home = home;
        this.http = http;
        this.token = token;
        this.owner = owner;
    }

    /**
     * The same server, sending no credential: for tests of what anonymous callers get. Closing
     * the view does nothing; close the server itself.
     */
    public TestServer asAnonymous() {
        return new TestServer(server, home, http, Optional.empty(), false);
    }

    /** The same server, sending {@code Authorization: Bearer <apiToken>} instead of the admin's. */
    public TestServer as(String apiToken) {
        return new TestServer(server, home, http, Optional.of(apiToken), false);
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
        return start(config(home, maxBodyBytes), bundledPlugins);
    }

    /**
     * Starts with a configuration of the test's own (e.g. {@link #config} without the admin
     * password or token, for first-start tests). Requests send {@code config.adminToken()} if set.
     */
    public static TestServer start(SlipwayConfig config, Optional<Path> bundledPlugins) {
        try {
            EmbeddedServer server = EmbeddedServer.start(config, bundledPlugins);
            TestServer t = new TestServer(server, config.home(),
                    HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), config.adminToken(), true);
            t.core();
            return t;
        } catch (Exception e) {
            throw new IllegalStateException("test server did not start", e);
        }
    }

    /**
     * Starts on PostgreSQL database {@code jdbcUrl} (one of {@link TestPostgres#freshDatabase()};
     * several servers may share it), with a fresh home; otherwise as {@link #start()}.
     */
    public static TestServer startOnPostgres(String jdbcUrl, Optional<Path> bundledPlugins) {
        try {
            Path home = Files.createTempDirectory("slipway-test-pg-");
            return start(TestPostgres.onDatabase(config(home, 10L * 1024 * 1024), jdbcUrl), bundledPlugins);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A test configuration: H2 under {@code home}, free ports, {@code admin} with {@link #ADMIN_PASSWORD} and {@link #ADMIN_TOKEN}. */
    public static SlipwayConfig config(Path home, long maxBodyBytes) {
        return new SlipwayConfig(home, 0, 0, "localhost",
                "jdbc:h2:file:" + home.resolve("data/slipway") + ";DB_CLOSE_ON_EXIT=FALSE", "", "",
                Optional.of(ADMIN_PASSWORD), Optional.of(ADMIN_TOKEN), 2, maxBodyBytes, 128L * 1024 * 1024, "http://localhost", Optional.empty());
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

    /** A client that sends this view's bearer token with every request (unless one is set). */
    public HttpClient http() {
        return new AuthenticatingHttpClient(http, this::authenticated);
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

    /** Sends {@code request}, adding this view's {@code Authorization: Bearer} unless it has one. */
    public HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(authenticated(request), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code request} with this view's bearer token, unless it carries an Authorization header already. */
    public HttpRequest authenticated(HttpRequest request) {
        if (token.isEmpty() || request.headers().firstValue("Authorization").isPresent()) {
            return request;
        }
        return HttpRequest.newBuilder(request, (name, value) -> true)
                .header("Authorization", "Bearer " + token.get()).build();
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
        if (!owner) {
            return;
        }
        stop();
        try (Stream<Path> files = Files.walk(home)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp folder left behind is harmless
        }
    }
}
