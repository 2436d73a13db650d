package io.slipway.plugins.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;

/** The packaged plugin JAR is one PF4J can load: descriptor, extension index, its own libraries, no host classes. */
class PluginJarIT {

    private static JarFile jar() throws IOException {
        String path = System.getProperty("slipway.plugin.jar");
        assertNotNull(path, "system property slipway.plugin.jar (set by the failsafe configuration)");
        return new JarFile(Path.of(path).toFile());
    }

    @Test
    void indexesBothExtensions() throws IOException {
        try (JarFile jar = jar(); InputStream in = jar.getInputStream(jar.getEntry("META-INF/extensions.idx"))) {
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).sorted().toList();
            assertEquals(List.of(DockerDeployer.class.getName(), DockerfileBuilder.class.getName()), lines);
        }
    }

    @Test
    void describesThePluginInItsManifest() throws IOException {
        try (JarFile jar = jar()) {
            Manifest manifest = jar.getManifest();
            assertEquals("docker", manifest.getMainAttributes().getValue("Plugin-Id"));
            assertEquals(DockerPlugin.class.getName(), manifest.getMainAttributes().getValue("Plugin-Class"));
        }
    }

    @Test
    void bundlesDockerJavaButNoHostClasses() throws IOException {
        try (JarFile jar = jar()) {
            assertNotNull(jar.getEntry("com/github/dockerjava/core/DockerClientImpl.class"));
            assertNotNull(jar.getEntry("com/github/dockerjava/httpclient5/ApacheDockerHttpClient.class"));
            List<String> hostClasses = jar.stream().map(e -> e.getName())
                    .filter(n -> n.startsWith("io/slipway/plugin/api/") || n.startsWith("org/pf4j/")
                            || n.startsWith("org/slf4j/") || n.startsWith("jakarta/ws/rs/"))
                    .toList();
            assertTrue(hostClasses.isEmpty(), "host classes bundled: " + hostClasses);
        }
    }
}
