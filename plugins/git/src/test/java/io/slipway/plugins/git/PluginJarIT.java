package io.slipway.plugins.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/** The packaged plugin JAR is what PF4J loads: descriptor, extension index, JGit inside, no host classes. */
class PluginJarIT {

    @Test
    void jarHoldsDescriptorIndexAndJgitButNoHostClasses() throws Exception {
        Path jar = Path.of(System.getProperty("slipway.plugin.jar", "target/git-0.1.0-SNAPSHOT.jar"));
        assertTrue(Files.isRegularFile(jar), "no plugin JAR at " + jar);
        try (JarFile file = new JarFile(jar.toFile())) {
            var manifest = file.getManifest().getMainAttributes();
            assertEquals("git", manifest.getValue("Plugin-Id"));
            assertEquals(GitPlugin.class.getName(), manifest.getValue("Plugin-Class"));

            var index = file.getEntry("META-INF/extensions.idx");
            assertNotNull(index, "META-INF/extensions.idx");
            String extensions = new String(file.getInputStream(index).readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(extensions.lines().anyMatch(GitSourceProvider.class.getName()::equals), extensions);

            List<String> names = file.stream().map(e -> e.getName()).toList();
            for (String bundled : List.of("org/eclipse/jgit/api/Git.class",
                    "org/eclipse/jgit/transport/sshd/SshdSessionFactory.class", "io/slipway/plugins/git/GitSourceProvider.class")) {
                assertTrue(names.contains(bundled), bundled + " missing");
            }
            for (String host : List.of("io/slipway/plugin/api/", "org/pf4j/", "org/slf4j/", "jakarta/ws/rs/",
                    "jakarta/servlet/", "org/eclipse/jetty/", "org/eclipse/jgit/http/server/", "org/junit/")) {
                assertTrue(names.stream().noneMatch(n -> n.startsWith(host)), "the plugin JAR must not bundle " + host);
            }
        }
    }
}
