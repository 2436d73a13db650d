package io.slipway.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/slipway from the unpacked archive, run as a real process (argument lists, no shell). */
class SlipwayLauncherTest {

    @TempDir
    static Path unpackInto;

    static Path dist;

    @TempDir
    Path home;

    @BeforeAll
    static void unpack() throws IOException {
        dist = DistributionArchive.unpack(unpackInto);
    }

    @Test
    void statusOnAFreshHomeSaysNotRunningAndExitsThree() throws Exception {
        Result result = slipway(env(), "status");

        assertEquals(3, result.exit(), result.output());
        assertTrue(result.output().contains("slipway is not running"), result.output());
        assertFalse(Files.exists(home.resolve("run")), "status must not create files in SLIPWAY_HOME");
    }

    @Test
    void statusWithAStalePidFileExitsOne() throws Exception {
        Files.createDirectories(home.resolve("run"));
        // Far above any pid_max, so no live process can have it.
        Files.writeString(home.resolve("run/slipway.pid"), "2147483647\n");

        Result result = slipway(env(), "status");

        assertEquals(1, result.exit(), result.output());
        assertTrue(result.output().contains("not running"), result.output());
    }

    @Test
    void stopWhenNothingRunsSucceedsAndRemovesAStalePidFile() throws Exception {
        Files.createDirectories(home.resolve("run"));
        Files.writeString(home.resolve("run/slipway.pid"), "2147483647\n");

        Result result = slipway(env(), "stop");

        assertEquals(0, result.exit(), result.output());
        assertTrue(result.output().contains("not running"), result.output());
        assertFalse(Files.exists(home.resolve("run/slipway.pid")), "stale pid file left behind");
    }

    @Test
    void unknownCommandPrintsUsageAndExitsTwo() throws Exception {
        Result result = slipway(env(), "frobnicate");

        assertEquals(2, result.exit(), result.output());
        assertTrue(result.output().contains("usage: slipway {start|stop|restart|status|run|health|version|rotate-key}"), result.output());
    }

    @Test
    void startWithAJavaHomeWithoutJavaFailsWithAClearMessage() throws Exception {
        Map<String, String> env = env();
        env.put("JAVA_HOME", home.resolve("no-jdk-here").toString());

        Result result = slipway(env, "start");

        assertEquals(1, result.exit(), result.output());
        assertTrue(result.output().contains("JAVA_HOME is set to"), result.output());
        assertFalse(Files.exists(home.resolve("run/slipway.pid")), "pid file written although nothing started");
    }

    @Test
    void versionPrintsTheBuiltVersionAlsoThroughASymlink() throws Exception {
        // Beside the unpacked folder, so JUnit's clean-up of `home` never follows the link.
        Path link = unpackInto.resolve("slipway-link-" + System.nanoTime());
        Files.createSymbolicLink(link, dist.resolve("bin/slipway"));

        Result result = run(List.of(link.toString(), "version"), env());

        assertEquals(0, result.exit(), result.output());
        assertEquals(DistributionArchive.version(), result.output().strip());
    }

    @Test
    void healthFailsWhenNothingListens() throws Exception {
        Map<String, String> env = env();
        env.put("SLIPWAY_PORT", "1"); // privileged port nobody serves in a test run

        Result result = slipway(env, "health");

        assertEquals(1, result.exit(), result.output());
    }

    /**
     * The whole life cycle against the real war in lib/: start returns once /api/v1/health
     * answers 200, status sees it, stop ends the JVM with SIGTERM and removes the pid file.
     */
    @Test
    void startWaitsUntilHealthyThenStopEndsTheServer() throws Exception {
        Map<String, String> env = env();
        int port = freePort();
        env.put("SLIPWAY_PORT", Integer.toString(port));
        env.put("SLIPWAY_ROUTER_PORT", Integer.toString(freePort()));
        env.put("SLIPWAY_START_TIMEOUT", "150");

        Result start = slipway(env, "start");
        assertEquals(0, start.exit(), start.output() + log());
        assertTrue(start.output().contains("slipway is ready on http://127.0.0.1:" + port + "/"), start.output());
        long pid = Long.parseLong(Files.readString(home.resolve("run/slipway.pid")).strip());
        assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "no live process " + pid);

        HttpResponse<String> health = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/health"))
                        .timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, health.statusCode(), health.body());
        assertTrue(health.body().contains("\"UP\""), health.body());

        Result status = slipway(env, "status");
        assertEquals(0, status.exit(), status.output());
        assertTrue(status.output().contains("slipway is running (pid " + pid + ")"), status.output());

        Result again = slipway(env, "start");
        assertEquals(0, again.exit(), again.output());
        assertTrue(again.output().contains("already running (pid " + pid + ")"), again.output());

        Result stop = slipway(env, "stop");
        assertEquals(0, stop.exit(), stop.output() + log());
        assertTrue(stop.output().contains("slipway stopped"), stop.output());
        assertFalse(stop.output().contains("SIGKILL\n"), "needed SIGKILL: " + stop.output());
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "process " + pid + " still alive");
        assertFalse(Files.exists(home.resolve("run/slipway.pid")), "pid file left behind");

        Result after = slipway(env, "status");
        assertEquals(3, after.exit(), after.output());
        String log = Files.readString(home.resolve("logs/slipway.log"));
        // The war's unpack cache lives in SLIPWAY_HOME, not in a /tmp that cleaners age.
        assertTrue(log.contains(" -Djava.io.tmpdir=" + home.resolve("tmp") + " "), log);
    }

    /** rotate-key runs the war's key rotation on a stopped server's home: new key file, old one kept. */
    @Test
    void rotateKeyReplacesTheKeyFileAndKeepsTheOldOne() throws Exception {
        Map<String, String> env = env();
        Result none = slipway(env, "rotate-key");
        assertEquals(1, none.exit(), none.output());
        assertTrue(none.output().contains("no key to rotate"), none.output());

        byte[] raw = new byte[32];
        new java.security.SecureRandom().nextBytes(raw);
        String oldKey = java.util.Base64.getEncoder().encodeToString(raw);
        Files.writeString(home.resolve("secret.key"), oldKey);
        Files.setPosixFilePermissions(home.resolve("secret.key"), java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));

        Result rotated = slipway(env, "rotate-key");
        assertEquals(0, rotated.exit(), rotated.output());
        assertTrue(rotated.output().contains("re-encrypted 0 secret value(s)"), rotated.output());
        assertEquals(oldKey, Files.readString(home.resolve("secret.key.old")));
        String newKey = Files.readString(home.resolve("secret.key")).strip();
        assertFalse(newKey.equals(oldKey), "the key did not change");
        assertEquals(32, java.util.Base64.getDecoder().decode(newKey).length);
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(home.resolve("secret.key"))));
    }

    /** Never leave a server behind when a test fails half-way. */
    @AfterEach
    void killLeftoverServer() throws IOException {
        Path pidFile = home.resolve("run/slipway.pid");
        if (Files.exists(pidFile)) {
            String pid = Files.readString(pidFile).strip();
            if (pid.matches("[0-9]+") && pid.length() < 10) {
                ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    // ---- helpers -------------------------------------------------------------------------

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    String log() throws IOException {
        Path log = home.resolve("logs/slipway.log");
        return Files.exists(log) ? "\n--- logs/slipway.log:\n" + Files.readString(log) : "\n(no logs/slipway.log)";
    }

    /** The environment of this JVM without Slipway's own settings, with SLIPWAY_HOME = a fresh folder. */
    Map<String, String> env() {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.keySet().removeIf(name -> name.startsWith("SLIPWAY_") || name.equals("JAVA_OPTS"));
        env.put("SLIPWAY_HOME", home.toString());
        return env;
    }

    Result slipway(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(dist.resolve("bin/slipway").toString());
        command.addAll(List.of(args));
        return run(command, env);
    }

    Result run(List<String> command, Map<String, String> env) throws Exception {
        return Launcher.run(command, env, home.resolve("launcher-output-" + System.nanoTime() + ".txt"), Duration.ofSeconds(180));
    }

    record Result(int exit, String output) {}

    static final class Launcher {
        /** Runs the command with stdout+stderr into a file (a background JVM may keep a pipe open). */
        static Result run(List<String> command, Map<String, String> env, Path outputFile, Duration timeout) throws Exception {
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(outputFile.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            builder.environment().clear();
            builder.environment().putAll(env);
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(command + " did not finish within " + timeout + "; output:\n"
                        + Files.readString(outputFile, StandardCharsets.UTF_8));
            }
            return new Result(process.exitValue(), Files.readString(outputFile, StandardCharsets.UTF_8));
        }

        private Launcher() {}
    }
}
