package io.slipway.war;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.war.testing.SlipwayProcess;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the packaged target/slipway.war holds, and where. */
class WarLayoutTest {
    private static List<String> names;

    @BeforeAll
    static void readWar() throws IOException {
        try (ZipFile war = new ZipFile(SlipwayProcess.builtWar().toFile())) {
            names = war.stream().map(ZipEntry::getName).toList();
        }
    }

    @Test
    void libHoldsCoreAndALoggingBackendButNoServletApiOrJetty() {
        List<String> lib = jarsIn("WEB-INF/lib/");
        assertTrue(lib.stream().anyMatch(n -> n.startsWith("core-")), lib.toString());
        assertTrue(lib.stream().anyMatch(n -> n.startsWith("plugin-api-")), lib.toString());
        assertTrue(lib.stream().anyMatch(n -> n.startsWith("logback-classic-")), lib.toString());
        assertTrue(lib.stream().noneMatch(n -> n.startsWith("jakarta.servlet-api") || n.startsWith("jetty-")), lib.toString());
    }

    @Test
    void libEmbeddedHoldsJettyAndTheServletApiForJavaJarOnly() {
        List<String> embedded = jarsIn("WEB-INF/lib-embedded/");
        for (String prefix : List.of("jakarta.servlet-api-", "jetty-server-", "jetty-ee10-servlet-", "jetty-util-")) {
            assertTrue(embedded.stream().anyMatch(n -> n.startsWith(prefix)), prefix + " missing from " + embedded);
        }
        assertTrue(embedded.stream().noneMatch(n -> n.startsWith("slf4j-api")), "slf4j-api belongs in WEB-INF/lib only: " + embedded);
    }

    @Test
    void bundlesTheProductPlugins() {
        List<String> plugins = jarsIn("WEB-INF/plugins/");
        for (String id : List.of("git", "docker", "slack", "upload", "nixpacks", "compose", "github", "gitlab")) {
            assertTrue(plugins.contains(id + ".jar"), id + ".jar missing from WEB-INF/plugins: " + plugins);
        }
    }

    @Test
    void bundlesNoSdkExamplePlugin() {
        assertTrue(jarsIn("WEB-INF/plugins/").stream().noneMatch(n -> n.startsWith("example")));
    }

    @Test
    void launcherSitsAtTheRootAndIsTheMainClass() throws IOException {
        assertTrue(names.contains("io/slipway/war/launcher/Launcher.class"));
        assertTrue(names.stream().noneMatch(n -> n.startsWith("WEB-INF/classes/io/")), "the launcher leaked into WEB-INF/classes");
        try (JarFile war = new JarFile(SlipwayProcess.builtWar().toFile())) {
            assertEquals("io.slipway.war.launcher.Launcher", war.getManifest().getMainAttributes().getValue("Main-Class"));
        }
    }

    @Test
    void webXmlDeclaresTheListenerOnServlet6() throws IOException {
        String webXml = read("WEB-INF/web.xml");
        assertTrue(webXml.contains("<listener-class>io.slipway.core.server.SlipwayContextListener</listener-class>"), webXml);
        assertTrue(webXml.contains("version=\"6.0\""), webXml);
        assertTrue(webXml.contains("<request-character-encoding>UTF-8</request-character-encoding>"), webXml);
    }

    @Test
    void classesHoldTheLoggingConfigurationOnly() {
        List<String> classes = names.stream().filter(n -> n.startsWith("WEB-INF/classes/") && !n.endsWith("/")).toList();
        assertEquals(List.of("WEB-INF/classes/logback.xml"), classes);
    }

    private static List<String> jarsIn(String folder) {
        return names.stream().filter(n -> n.startsWith(folder) && n.endsWith(".jar"))
                .map(n -> n.substring(folder.length())).filter(n -> !n.contains("/")).toList();
    }

    private static String read(String entry) throws IOException {
        try (ZipFile war = new ZipFile(SlipwayProcess.builtWar().toFile());
             InputStream in = war.getInputStream(war.getEntry(entry))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
