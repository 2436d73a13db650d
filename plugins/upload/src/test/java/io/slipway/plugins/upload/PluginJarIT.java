package io.slipway.plugins.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/** The packaged plugin JAR is what PF4J loads: descriptor, extension index, commons-compress inside, no host classes. */
class PluginJarIT {

    @Test
    void jarHoldsDescriptorIndexAndCommonsCompressButNoHostClasses() throws Exception {
        Path jar = Path.of(System.getProperty("slipway.plugin.jar", "target/upload-0.1.0-SNAPSHOT.jar"));
        assertTrue(Files.isRegularFile(jar), "no plugin JAR at " + jar);
        try (JarFile file = new JarFile(jar.toFile())) {
            var manifest = file.getManifest().getMainAttributes();
            assertEquals("upload", manifest.getValue("Plugin-Id"));
            assertEquals(UploadPlugin.class.getName(), manifest.getValue("Plugin-Class"));
            var index = file.getEntry("META-INF/extensions.idx");
            assertNotNull(index, "META-INF/extensions.idx");
            String extensions = new String(file.getInputStream(index).readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(extensions.lines().anyMatch(UploadSourceProvider.class.getName()::equals), extensions);
            List<String> names = file.stream().map(e -> e.getName()).toList();
            assertTrue(names.contains("org/apache/commons/compress/archivers/tar/TarArchiveInputStream.class"));
            for (String host : List.of("io/slipway/plugin/api/", "org/pf4j/", "org/slf4j/", "jakarta/ws/rs/", "org/junit/")) {
                assertTrue(names.stream().noneMatch(n -> n.startsWith(host)), "the plugin JAR must not bundle " + host);
            }
        }
    }
}
