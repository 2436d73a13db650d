package io.slipway.war;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.war.testing.ContainerDeployment;
import io.slipway.war.testing.SlipwayProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Plugins bundled in WEB-INF/plugins reach the core in both modes. No product plugin is bundled
 * yet, so the test bundles the SDK example into a copy of the built war, as the war's pom does for
 * every plugin listed in its "bundled plugins" section.
 */
class BundledPluginsTest {
    private static final Duration START = Duration.ofSeconds(60);
    private static Path war;

    @BeforeAll
    static void bundleTheExamplePlugin() throws IOException {
        Path plugin = Path.of(System.getProperty("slipway.test.plugins"), "example.jar");
        assertTrue(Files.isRegularFile(plugin), plugin + " is missing: failsafe's pre-integration-test copies it");
        war = SlipwayProcess.itDir("bundled").resolve("slipway-with-example.war");
        Files.copy(SlipwayProcess.builtWar(), war, StandardCopyOption.REPLACE_EXISTING);
        try (FileSystem zip = FileSystems.newFileSystem(URI.create("jar:" + war.toUri()), Map.of())) {
            Path plugins = Files.createDirectories(zip.getPath("WEB-INF", "plugins"));
            Files.copy(plugin, plugins.resolve("example.jar"));
        }
    }

    @Test
    void executableWarUnpacksItsPluginsAndTheCoreLoadsThem() throws IOException {
        Path unpack = Files.createTempDirectory(SlipwayProcess.itDir("unpack-fresh"), "bundled-");
        try (SlipwayProcess slipway = SlipwayProcess.builder().name("bundled").war(war).unpackDir(unpack).start()) {
            slipway.awaitHealthy(START);
            try (Stream<Path> copies = Files.list(unpack)) {
                List<Path> unpacked = copies.filter(p -> p.getFileName().toString().startsWith("slipway-war-")).toList();
                assertEquals(1, unpacked.size(), unpacked.toString());
                assertTrue(Files.isRegularFile(unpacked.get(0).resolve("WEB-INF/plugins/example.jar")));
            }
            assertExampleLoaded(slipway.get("/api/v1/plugins"));
        }
    }

    @Test
    void containerDeploymentHandsItsPluginsToTheCore() throws Exception {
        Path home = SlipwayProcess.newHome("bundled-external");
        try (ContainerDeployment jetty = ContainerDeployment.deploy(war, home)) {
            jetty.awaitHealthy(START);
            assertTrue(Files.isRegularFile(home.resolve("bundled-plugins/example.jar")),
                    "the listener did not copy WEB-INF/plugins out of the war");
            assertExampleLoaded(jetty.get("/api/v1/plugins"));
        }
    }

    private static void assertExampleLoaded(HttpResponse<String> plugins) {
        assertEquals(200, plugins.statusCode(), plugins.body());
        assertTrue(plugins.body().contains("\"example\""), plugins.body());
    }
}
