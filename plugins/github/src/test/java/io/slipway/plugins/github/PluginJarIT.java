package io.slipway.plugins.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/** The packaged plugin JAR: descriptor naming the git plugin, extension index, github-api inside, no host or git-plugin classes. */
class PluginJarIT {

    @Test
    void jarHoldsDescriptorIndexAndGithubApiButNoHostClasses() throws Exception {
        Path jar = Path.of(System.getProperty("slipway.plugin.jar", "target/github-0.1.0-SNAPSHOT.jar"));
        assertTrue(Files.isRegularFile(jar), "no plugin JAR at " + jar);
        try (JarFile file = new JarFile(jar.toFile())) {
            var manifest = file.getManifest().getMainAttributes();
            assertEquals("github", manifest.getValue("Plugin-Id"));
            assertEquals("git", manifest.getValue("Plugin-Dependencies"));
            var index = file.getEntry("META-INF/extensions.idx");
            assertNotNull(index, "META-INF/extensions.idx");
            String extensions = new String(file.getInputStream(index).readAllBytes(), StandardCharsets.UTF_8);
            for (Class<?> extension : List.of(GitHubSourceProvider.class, GitHubWebhookReceiver.class, GitHubStatusPublisher.class)) {
                assertTrue(extensions.lines().anyMatch(extension.getName()::equals), extensions);
            }
            List<String> names = file.stream().map(e -> e.getName()).toList();
            assertTrue(names.contains("org/kohsuke/github/GitHub.class"));
            for (String host : List.of("io/slipway/plugin/api/", "org/pf4j/", "org/slf4j/", "jakarta/ws/rs/",
                    "io/slipway/plugins/git/", "org/eclipse/jgit/", "org/junit/")) {
                assertTrue(names.stream().noneMatch(n -> n.startsWith(host)), "the plugin JAR must not bundle " + host);
            }
        }
    }
}
