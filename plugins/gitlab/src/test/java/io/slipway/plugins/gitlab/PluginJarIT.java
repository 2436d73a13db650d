package io.slipway.plugins.gitlab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The packaged plugin JAR: descriptor, extension index, gitlab4j and its Jersey client inside, no
 * host classes; and, loaded plugin-first beside a server whose Jersey already set the JAX-RS
 * RuntimeDelegate (as Slipway's class loader does), it still talks to GitLab.
 */
class PluginJarIT {
    private static final Path JAR = Path.of(System.getProperty("slipway.plugin.jar", "target/gitlab-0.1.0-SNAPSHOT.jar"));
    private static final List<String> HOST_PACKAGES = List.of("io.slipway.plugin.api.", "org.pf4j.", "org.slf4j.");

    @Test
    void jarHoldsDescriptorIndexAndLibrariesButNoHostClasses() throws Exception {
        assertTrue(Files.isRegularFile(JAR), "no plugin JAR at " + JAR);
        try (JarFile file = new JarFile(JAR.toFile())) {
            var manifest = file.getManifest().getMainAttributes();
            assertEquals("gitlab", manifest.getValue("Plugin-Id"));
            assertEquals("git", manifest.getValue("Plugin-Dependencies"));
            var index = file.getEntry("META-INF/extensions.idx");
            assertNotNull(index, "META-INF/extensions.idx");
            String extensions = new String(file.getInputStream(index).readAllBytes(), StandardCharsets.UTF_8);
            for (Class<?> extension : List.of(GitLabSourceProvider.class, GitLabWebhookReceiver.class, GitLabStatusPublisher.class)) {
                assertTrue(extensions.lines().anyMatch(extension.getName()::equals), extensions);
            }
            List<String> names = file.stream().map(e -> e.getName()).toList();
            assertTrue(names.contains("org/gitlab4j/api/GitLabApi.class"));
            assertTrue(names.contains("org/glassfish/jersey/client/JerseyClient.class"));
            for (String host : List.of("io/slipway/plugin/api/", "org/pf4j/", "org/slf4j/", "jakarta/ws/rs/",
                    "jakarta/servlet/", "io/slipway/plugins/git/", "org/eclipse/jgit/", "org/junit/")) {
                assertTrue(names.stream().noneMatch(n -> n.startsWith(host)), "the plugin JAR must not bundle " + host);
            }
        }
    }

    @Test
    void publishesThroughItsOwnJerseyBesideTheHostsJaxRs() throws Exception {
        ClassLoader original = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader host = new URLClassLoader(hostJars(), ClassLoader.getPlatformClassLoader());
             PluginFirstLoader plugin = new PluginFirstLoader(JAR.toUri().toURL(), host);
             FakeGitLab gitlab = new FakeGitLab()) {
            // The server's Jersey runs first and fixes JAX-RS's RuntimeDelegate to its own classes.
            Thread.currentThread().setContextClassLoader(host);
            Object delegate = host.loadClass("jakarta.ws.rs.ext.RuntimeDelegate").getMethod("getInstance").invoke(null);
            assertEquals(host, delegate.getClass().getClassLoader());

            Thread.currentThread().setContextClassLoader(plugin);
            Class<?> publisherType = plugin.loadClass(GitLabStatusPublisher.class.getName());
            assertEquals(plugin, publisherType.getClassLoader());
            Object publisher = publisherType.getConstructor().newInstance();
            Class<?> configType = host.loadClass("io.slipway.plugin.api.config.Config");
            Object config = configType.getConstructor(Map.class).newInstance(Map.of(
                    "url", "https://gitlab.example.org/acme/shop.git", "baseUrl", gitlab.baseUrl(), "token", "glpat-x"));
            Class<?> statusType = host.loadClass("io.slipway.plugin.api.source.CommitStatus");
            Class<?> stateType = host.loadClass("io.slipway.plugin.api.source.CommitStatus$State");
            Object success = stateType.getMethod("valueOf", String.class).invoke(null, "SUCCESS");
            Object status = statusType.getConstructor(String.class, String.class, stateType, String.class, String.class,
                    String.class, String.class, Optional.class, Optional.class).newInstance("https://gitlab.example.org/acme/shop.git",
                    GitLabDeliveries.SHA, success, "ACTIVE", "http://slipway.example.org/deployments/1", "slipway/production",
                    "production", Optional.empty(), Optional.empty());
            publisherType.getMethod("publish", statusType, configType).invoke(publisher, status, config);

            var calls = gitlab.calls("POST", FakeGitLab.PROJECT + "/statuses/" + GitLabDeliveries.SHA);
            assertEquals(1, calls.size());
            assertEquals("success", calls.get(0).fields().get("state"));
        } finally {
            Thread.currentThread().setContextClassLoader(original);
        }
    }

    /** What the server's class path offers a plugin: the SDK, PF4J, SLF4J and Jersey with the JAX-RS API. */
    private static URL[] hostJars() throws Exception {
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            boolean host = entry.contains("plugin-api") || name.startsWith("pf4j-") || name.startsWith("slf4j-")
                    || name.startsWith("jakarta.") || name.startsWith("jersey-") || name.startsWith("hk2-")
                    || name.startsWith("osgi-resource-locator") || name.startsWith("aopalliance") || name.startsWith("javassist");
            if (host) {
                urls.add(Path.of(entry).toUri().toURL());
            }
        }
        return urls.toArray(URL[]::new);
    }

    /** Slipway's rule: the plugin's own classes first, the SDK, PF4J and SLF4J always from the server. */
    private static final class PluginFirstLoader extends URLClassLoader {
        PluginFirstLoader(URL jar, ClassLoader host) {
            super(new URL[] {jar}, host);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                if (name.startsWith("java.") || HOST_PACKAGES.stream().anyMatch(name::startsWith)) {
                    return super.loadClass(name, resolve);
                }
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null) {
                    try {
                        loaded = findClass(name);
                    } catch (ClassNotFoundException e) {
                        loaded = getParent().loadClass(name);
                    }
                }
                if (resolve) {
                    resolveClass(loaded);
                }
                return loaded;
            }
        }

        @Override
        public URL getResource(String name) {
            URL own = findResource(name);
            return own != null ? own : super.getResource(name);
        }

        @Override
        public java.util.Enumeration<URL> getResources(String name) throws java.io.IOException {
            // Plugin first, then the server's: what PF4J's plugin-first loader answers too.
            List<URL> all = new ArrayList<>(java.util.Collections.list(findResources(name)));
            all.addAll(java.util.Collections.list(getParent().getResources(name)));
            return java.util.Collections.enumeration(all);
        }
    }
}
