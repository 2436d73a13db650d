package io.slipway.plugins.nixpacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The packaged plugin JAR: descriptor naming the docker plugin as a dependency, the extension index,
 * the TOML reader inside; neither host classes nor the docker plugin's (its class loader supplies them).
 */
class PluginJarIT {

    @Test
    void jarDependsOnDockerAndBundlesNeitherItNorHostClasses() throws Exception {
        Path jar = Path.of(System.getProperty("slipway.plugin.jar", "target/nixpacks-0.1.0-SNAPSHOT.jar"));
        assertTrue(Files.isRegularFile(jar), "no plugin JAR at " + jar);
        try (JarFile file = new JarFile(jar.toFile())) {
            var manifest = file.getManifest().getMainAttributes();
            assertEquals("nixpacks", manifest.getValue("Plugin-Id"));
            assertEquals("docker", manifest.getValue("Plugin-Dependencies"));
            assertEquals(NixpacksPlugin.class.getName(), manifest.getValue("Plugin-Class"));
            var index = file.getEntry("META-INF/extensions.idx");
            assertNotNull(index, "META-INF/extensions.idx");
            String extensions = new String(file.getInputStream(index).readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(extensions.lines().anyMatch(NixpacksBuilder.class.getName()::equals), extensions);
            List<String> names = file.stream().map(e -> e.getName()).toList();
            assertTrue(names.contains("com/fasterxml/jackson/dataformat/toml/TomlMapper.class"));
            for (String excluded : List.of("io/slipway/plugin/api/", "org/pf4j/", "org/slf4j/", "jakarta/ws/rs/",
                    "io/slipway/plugins/docker/", "com/github/dockerjava/", "org/junit/")) {
                assertTrue(names.stream().noneMatch(n -> n.startsWith(excluded)), "the plugin JAR must not bundle " + excluded);
            }
        }
    }
}
