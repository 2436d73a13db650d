package io.slipway.war;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.war.testing.SlipwayProcess;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code java -jar target/slipway.war}, started as users start it. */
class ExecutableWarTest {
    private static final Duration START = Duration.ofSeconds(60);
    private static final Duration STOP = Duration.ofSeconds(15);
    /** What a JVM that ran its shutdown hooks after SIGTERM exits with (128 + 15). */
    private static final int SIGTERM_EXIT = 143;

    @Test
    void servesTheUiAndTheApiAndStopsGracefullyOnSigterm() {
        try (SlipwayProcess slipway = SlipwayProcess.builder().name("executable").start()) {
            Duration started = slipway.awaitHealthy(START);
            System.out.println("java -jar slipway.war healthy after " + started.toMillis() + " ms");

            HttpResponse<String> page = slipway.get("/");
            assertEquals(200, page.statusCode());
            assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), page.headers().toString());
            assertTrue(page.body().contains("<html"), page.body());

            // The bundled plugins are loaded and their extensions offered.
            HttpResponse<String> extensions = slipway.get("/api/v1/extensions");
            for (String expected : List.of("\"id\":\"git\",\"point\":\"source\"", "\"id\":\"dockerfile\",\"point\":\"builder\"",
                    "\"id\":\"docker\",\"point\":\"deployer\"")) {
                assertTrue(extensions.body().contains(expected), expected + " not in " + extensions.body());
            }

            HttpResponse<String> missing = slipway.get("/api/v1/no-such-route");
            assertEquals(404, missing.statusCode());
            assertTrue(missing.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
            assertTrue(missing.body().startsWith("{\"error\":{\"code\":"), missing.body());

            assertEquals(SIGTERM_EXIT, slipway.stop(STOP), slipway.log());
            assertTrue(slipway.log().contains("Stopped oejs.Server"), "no graceful-stop line in " + slipway.logFile());
        }
    }

    @Test
    void restartsOnTheSameHomeWithItsDataAndWithoutUnpackingAgain() throws IOException {
        Path home = SlipwayProcess.newHome("restart");
        Path unpack = Files.createTempDirectory(SlipwayProcess.itDir("unpack-fresh"), "restart-");
        try (SlipwayProcess first = SlipwayProcess.builder().name("restart-first").home(home).unpackDir(unpack).start()) {
            first.awaitHealthy(START);
            assertEquals(201, first.postJson("/api/v1/projects", "{\"name\":\"kept\"}").statusCode());
            assertEquals(SIGTERM_EXIT, first.stop(STOP));
            assertTrue(first.log().contains("slipway launcher: Unpacked"), first.log());
        }
        try (SlipwayProcess second = SlipwayProcess.builder().name("restart-second").home(home).unpackDir(unpack).start()) {
            second.awaitHealthy(START);
            HttpResponse<String> kept = second.get("/api/v1/projects/kept");
            assertEquals(200, kept.statusCode(), kept.body());
            assertTrue(kept.body().contains("\"kept\""), kept.body());
            assertFalse(second.log().contains("slipway launcher: Unpacked"), "unpacked again: " + second.logFile());
            assertEquals(SIGTERM_EXIT, second.stop(STOP));
        }
    }

    @Test
    void printsItsVersionWithoutStarting() throws Exception {
        String out = runToEnd("--version");
        assertTrue(out.matches("Slipway \\d+\\.\\d+\\.\\d+\\S*\\R?"), out);
    }

    @Test
    void printsUsageWithoutStarting() throws Exception {
        String out = runToEnd("--help");
        assertTrue(out.startsWith("Usage: java [JVM options] -jar slipway.war"), out);
        assertTrue(out.contains("SLIPWAY_HOME"), out);
    }

    /** Runs the war with one option; it must finish quickly and succeed. Returns its output. */
    private static String runToEnd(String option) throws IOException, InterruptedException {
        Path out = Files.createTempFile(SlipwayProcess.itDir("logs"), "option-", ".log");
        Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", SlipwayProcess.builtWar().toString(), option))
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS), option + " did not return within 10 s");
        String text = Files.readString(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), text);
        return text;
    }
}
