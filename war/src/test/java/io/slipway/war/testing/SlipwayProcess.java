package io.slipway.war.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The built {@code target/slipway.war} run with {@code java -jar} as a separate process, the way
 * users run it: SLIPWAY_HOME in a fresh folder under {@code target/it/}, free ports, output in a log
 * file under {@code target/it/logs/} (named in every failure message). Every start of the build
 * shares one unpack cache ({@code target/it/unpack}, the JVM's {@code java.io.tmpdir}), so the war is
 * unpacked once per build.
 *
 * <pre>{@code
 * try (SlipwayProcess slipway = SlipwayProcess.builder().name("upload").start()) {
 *     slipway.awaitHealthy(Duration.ofSeconds(60));
 *     HttpResponse<String> r = slipway.get("/api/v1/plugins");
 *     int exit = slipway.stop(Duration.ofSeconds(15));   // SIGTERM; slipway.kill() is SIGKILL
 * }
 * }</pre>
 * Closing kills the process if it still runs; the home is kept (restart tests reuse it).
 */
public final class SlipwayProcess implements AutoCloseable {
    /**
     * SLIPWAY_ADMIN_TOKEN of every test server (unless the test sets its own): an admin API token
     * that {@link #send} adds as {@code Authorization: Bearer} to requests that carry none.
     */
    public static final String ADMIN_TOKEN = "test-admin-token-0123456789abcdef";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final Path home;
    private final int port;
    private final int routerPort;
    private final Path log;
    private final long startedNanos;

    private SlipwayProcess(Process process, Path home, int port, int routerPort, Path log, long startedNanos) {
        this.process = process;
        this.home = home;
        this.port = port;
        this.routerPort = routerPort;
        this.log = log;
        this.startedNanos = startedNanos;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** target/slipway.war, as packaged before the integration tests run. */
    public static Path builtWar() {
        Path war = Path.of(requiredProperty("slipway.test.war"));
        if (!Files.isRegularFile(war)) {
            throw new IllegalStateException(war + " does not exist: run the tests with `mvn -pl war verify`, which packages it first");
        }
        return war;
    }

    /** A folder under target/it/ for this build's test files (created if needed). */
    public static Path itDir(String name) {
        try {
            return Files.createDirectories(Path.of(requiredProperty("slipway.test.build.dir"), "it", name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new, empty SLIPWAY_HOME under target/it/homes. */
    public static Path newHome(String name) {
        try {
            return Files.createTempDirectory(itDir("homes"), name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A port nothing listens on right now on 127.0.0.1. */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String requiredProperty(String name) {
        String v = System.getProperty(name);
        if (v == null || v.isBlank()) {
            throw new IllegalStateException("System property " + name + " is not set: run the tests through Maven (failsafe sets it)");
        }
        return v;
    }

    /**
     * Waits until {@code GET /api/v1/health} answers 200; fails early if the process exits, and
     * with the log's tail if the time runs out. Returns how long the start took.
     */
    public Duration awaitHealthy(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("Slipway exited with " + process.exitValue() + " before it was healthy. " + logTail());
            }
            try {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri("/api/v1/health")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return Duration.ofNanos(System.nanoTime() - startedNanos);
                }
                if (r.body().contains("\"DOWN\"")) {
                    throw new AssertionError("Slipway failed to start: " + r.body() + " " + logTail());
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(Duration.ofMillis(50));
        }
        throw new AssertionError("Slipway was not healthy within " + timeout + ". " + logTail());
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    public HttpResponse<String> postJson(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public HttpResponse<String> delete(String path) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE().build());
    }

    /** Sends {@code request} as the admin (adds the bearer token unless it has an Authorization header). */
    public HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(authenticated(request), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code request} with {@code Authorization: Bearer ADMIN_TOKEN}, unless it has an Authorization header. */
    public static HttpRequest authenticated(HttpRequest request) {
        if (request.headers().firstValue("Authorization").isPresent()) {
            return request;
        }
        return HttpRequest.newBuilder(request, (name, value) -> true).header("Authorization", "Bearer " + ADMIN_TOKEN).build();
    }

    /** SIGTERM, then waits; returns the exit code. Kills it and fails if it outlives the timeout. */
    public int stop(Duration timeout) {
        process.destroy();
        return awaitExit(timeout);
    }

    /** SIGKILL (a crash), then waits for the exit; returns the exit code. */
    public int kill() {
        process.destroyForcibly();
        return awaitExit(Duration.ofSeconds(30));
    }

    private int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("Slipway did not exit within " + timeout + " of the signal. " + logTail());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    public Path home() {
        return home;
    }

    public int port() {
        return port;
    }

    /** The app router's port (SLIPWAY_ROUTER_PORT), on 127.0.0.1. */
    public int routerPort() {
        return routerPort;
    }

    public Path logFile() {
        return log;
    }

    /** Everything the process printed so far (standard output and error). */
    public String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String logTail() {
        List<String> lines = log().lines().toList();
        return "Log " + log + ", last lines:\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** How to start it; every setting has a default that suits a test. */
    public static final class Builder {
        private Path war;
        private Path home;
        private String name = "slipway";
        private Path unpackDir;
        private final List<String> jvmArgs = new ArrayList<>();
        private final List<String> args = new ArrayList<>();
        private final Map<String, String> env = new LinkedHashMap<>();

        private Builder() {
        }

        /** Another war than target/slipway.war (e.g. a copy with extra plugins). */
        public Builder war(Path war) {
            this.war = Objects.requireNonNull(war);
            return this;
        }

        /** An existing SLIPWAY_HOME (a restart); default a new one. */
        public Builder home(Path home) {
            this.home = Objects.requireNonNull(home);
            return this;
        }

        /** Names the log file and the default home. */
        public Builder name(String name) {
            if (!name.matches("[a-z0-9-]+")) {
                throw new IllegalArgumentException("name must be lower-case letters, digits and '-': " + name);
            }
            this.name = name;
            return this;
        }

        /** The JVM's java.io.tmpdir, where the launcher unpacks the war; default the build's shared one. */
        public Builder unpackDir(Path dir) {
            this.unpackDir = Objects.requireNonNull(dir);
            return this;
        }

        public Builder jvmArg(String arg) {
            jvmArgs.add(Objects.requireNonNull(arg));
            return this;
        }

        public Builder arg(String arg) {
            args.add(Objects.requireNonNull(arg));
            return this;
        }

        /**
         * An environment variable for the server (SLIPWAY_HOME and the ports are set already; the
         * rest of the test JVM's environment, e.g. DOCKER_HOST, is passed through).
         */
        public Builder env(String name, String value) {
            if (name.equals("SLIPWAY_HOME") || name.equals("SLIPWAY_PORT") || name.equals("SLIPWAY_ROUTER_PORT")) {
                throw new IllegalArgumentException(name + " is managed by the builder: use home(), or read port() and routerPort()");
            }
            env.put(Objects.requireNonNull(name), Objects.requireNonNull(value));
            return this;
        }

        /** DOCKER_HOST of {@code docker}'s engine, unless it is the client's default (then the server's is too). */
        public Builder dockerHost(DockerCli docker) {
            return docker.host().isEmpty() ? this : env("DOCKER_HOST", docker.host());
        }

        public SlipwayProcess start() {
            Path warFile = war == null ? builtWar() : war;
            Path homeDir = home == null ? newHome(name) : home;
            int port = freePort();
            int routerPort = freePort();
            try {
                Path log = Files.createTempFile(itDir("logs"), name + "-", ".log");
                List<String> command = new ArrayList<>();
                command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
                command.add("-Djava.io.tmpdir=" + (unpackDir == null ? itDir("unpack") : unpackDir));
                command.addAll(jvmArgs);
                command.add("-jar");
                command.add(warFile.toString());
                command.addAll(args);
                ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
                // The caller's own SLIPWAY_* settings must not leak into a test server.
                pb.environment().keySet().removeIf(k -> k.startsWith("SLIPWAY_"));
                pb.environment().put("SLIPWAY_HOME", homeDir.toString());
                pb.environment().put("SLIPWAY_PORT", Integer.toString(port));
                pb.environment().put("SLIPWAY_ROUTER_PORT", Integer.toString(routerPort));
                pb.environment().put("SLIPWAY_ADMIN_TOKEN", ADMIN_TOKEN);
                pb.environment().putAll(env);
                long started = System.nanoTime();
                return new SlipwayProcess(pb.start(), homeDir, port, routerPort, log, started);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot start " + warFile, e);
            }
        }
    }
}
