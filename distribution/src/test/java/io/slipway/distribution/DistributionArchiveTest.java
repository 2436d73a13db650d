package io.slipway.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The release archive's layout and contents, read from the tar.gz that "package" built. */
class DistributionArchiveTest {

    /**
     * Every setting the server reads (core's io.slipway.core.config.Setting, whose names are a
     * contract: shared/ARCHITECTURE.md, "Configuration"): environment variable to properties key.
     * A setting added there belongs here and in conf/slipway.properties.
     */
    static final Map<String, String> SETTINGS = Map.ofEntries(
            Map.entry("SLIPWAY_HOME", "slipway.home"),
            Map.entry("SLIPWAY_PORT", "slipway.port"),
            Map.entry("SLIPWAY_ROUTER_PORT", "slipway.router.port"),
            Map.entry("SLIPWAY_BASE_DOMAIN", "slipway.base.domain"),
            Map.entry("SLIPWAY_DB_URL", "slipway.db.url"),
            Map.entry("SLIPWAY_DB_USER", "slipway.db.user"),
            Map.entry("SLIPWAY_DB_PASSWORD", "slipway.db.password"),
            Map.entry("SLIPWAY_ADMIN_PASSWORD", "slipway.admin.password"),
            Map.entry("SLIPWAY_ADMIN_TOKEN", "slipway.admin.token"),
            Map.entry("SLIPWAY_WORKERS", "slipway.workers"),
            Map.entry("SLIPWAY_MAX_BODY_BYTES", "slipway.max.body.bytes"),
            Map.entry("SLIPWAY_MAX_PLUGIN_BYTES", "slipway.max.plugin.bytes"),
            Map.entry("SLIPWAY_PUBLIC_URL", "slipway.public.url"),
            Map.entry("SLIPWAY_SECRET_KEY", "slipway.secret.key"),
            Map.entry("SLIPWAY_API_RATE_LIMIT", "slipway.api.rate.limit"),
            Map.entry("SLIPWAY_LOGIN_RATE_LIMIT", "slipway.login.rate.limit"),
            Map.entry("SLIPWAY_LOGIN_LOCKOUT_AFTER", "slipway.login.lockout.after"),
            Map.entry("SLIPWAY_SESSION_IDLE_HOURS", "slipway.session.idle.hours"),
            Map.entry("SLIPWAY_HOOKS_RATE_LIMIT", "slipway.hooks.rate.limit"),
            Map.entry("SLIPWAY_LOG_FORMAT", "slipway.log.format"),
            Map.entry("DOCKER_HOST", "docker.host"));

    static Map<String, TarArchiveEntry> entries;

    @TempDir
    static Path unpacked;

    @BeforeAll
    static void readArchive() throws IOException {
        entries = DistributionArchive.entries();
    }

    @Test
    void everyEntryIsUnderOneTopFolderNamedAfterTheVersion() {
        String top = DistributionArchive.topFolder();
        List<String> outside = new ArrayList<>();
        for (String name : entries.keySet()) {
            if (!name.startsWith(top) || name.contains("../")) {
                outside.add(name);
            }
        }
        assertTrue(outside.isEmpty(), "entries outside " + top + ": " + outside);
    }

    @Test
    void archiveHoldsLauncherWarConfigurationPluginsUnitDockerfileAndDocs() {
        String top = DistributionArchive.topFolder();
        for (String file : List.of(
                "bin/slipway",
                "lib/slipway.war",
                "conf/slipway.properties",
                "plugins/README.md",
                "systemd/slipway.service",
                "docker/Dockerfile",
                "README.md",
                "VERSION")) {
            TarArchiveEntry entry = entries.get(top + file);
            assertNotNull(entry, "missing " + top + file + " in " + entries.keySet());
            assertTrue(entry.isFile(), file + " is not a regular file");
        }
    }

    @Test
    void archiveShipsTheBundledPluginJars() {
        String top = DistributionArchive.topFolder();
        for (String id : List.of("git", "docker", "slack", "upload", "nixpacks", "compose", "github", "gitlab")) {
            assertTrue(entries.keySet().stream().anyMatch(n -> n.startsWith(top + "plugins/" + id + "-") && n.endsWith(".jar")),
                    id + " plugin JAR missing from plugins/: " + entries.keySet());
        }
    }

    @Test
    void launcherIsExecutableForEveryoneAndOtherFilesAreNot() {
        String top = DistributionArchive.topFolder();
        assertEquals(0755, entries.get(top + "bin/slipway").getMode() & 0777, "mode of bin/slipway");
        for (TarArchiveEntry entry : entries.values()) {
            if (entry.isFile() && !entry.getName().startsWith(top + "bin/")) {
                assertEquals(0644, entry.getMode() & 0777, "mode of " + entry.getName());
            }
        }
    }

    @Test
    void launcherHasUnixLineEndingsAndABashShebang() throws IOException {
        String script = DistributionArchive.text(entries, "bin/slipway");
        assertTrue(script.startsWith("#!/usr/bin/env bash\n"), "shebang line");
        assertTrue(!script.contains("\r"), "bin/slipway contains CR characters");
    }

    @Test
    void propertiesFileDocumentsEverySettingCommentedOut() throws IOException {
        String conf = DistributionArchive.text(entries, "conf/slipway.properties");
        for (Map.Entry<String, String> setting : SETTINGS.entrySet()) {
            String env = setting.getKey();
            String key = setting.getValue();
            assertTrue(Pattern.compile("(?m)^# env: " + Pattern.quote(env) + "(?![A-Z_])").matcher(conf).find(),
                    "conf/slipway.properties has no '# env: " + env + "' line");
            assertTrue(Pattern.compile("(?m)^#" + Pattern.quote(key) + "=").matcher(conf).find(),
                    "conf/slipway.properties has no commented-out line '#" + key + "='");
        }
        // An untouched file must change nothing: defaults come from the server, not from here.
        List<String> active = conf.lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .toList();
        assertTrue(active.isEmpty(), "settings that are not commented out: " + active);
    }

    @Test
    void bundledWarCanBeStartedWithJavaJar() throws IOException {
        Path war = DistributionArchive.unpack(unpacked).resolve("lib/slipway.war");
        assertTrue(Files.size(war) > 0, "lib/slipway.war is empty");
        try (InputStream in = Files.newInputStream(war); JarInputStream jar = new JarInputStream(in)) {
            Manifest manifest = jar.getManifest();
            assertNotNull(manifest, "lib/slipway.war has no manifest");
            assertNotNull(manifest.getMainAttributes().getValue("Main-Class"),
                    "lib/slipway.war has no Main-Class, so `java -jar` cannot start it");
        }
    }

    @Test
    void systemdUnitRunsTheLauncherInTheForegroundAsTheSlipwayUser() throws IOException {
        String unit = DistributionArchive.text(entries, "systemd/slipway.service");
        for (String line : List.of(
                "User=slipway",
                "Environment=SLIPWAY_HOME=/var/lib/slipway",
                "ExecStart=/opt/slipway/bin/slipway run",
                "Restart=on-failure",
                "KillSignal=SIGTERM",
                "SuccessExitStatus=143",
                "WantedBy=multi-user.target")) {
            assertTrue(unit.lines().anyMatch(line::equals), "slipway.service lacks the line " + line);
        }
        assertTrue(unit.lines().anyMatch(l -> l.startsWith("TimeoutStopSec=")), "slipway.service sets no stop timeout");
    }

    @Test
    void dockerfileRunsTheLauncherOnTemurin17Jre() throws IOException {
        String dockerfile = DistributionArchive.text(entries, "docker/Dockerfile");
        assertTrue(dockerfile.lines().anyMatch("FROM eclipse-temurin:17-jre"::equals), "base image");
        assertTrue(dockerfile.contains("ENTRYPOINT [\"/opt/slipway/bin/slipway\", \"run\"]"), "entrypoint");
        assertTrue(dockerfile.lines().anyMatch("USER slipway"::equals), "runs as a non-root user");
    }

    @Test
    void versionFileNamesTheBuiltVersion() throws IOException {
        assertEquals(DistributionArchive.version(), DistributionArchive.text(entries, "VERSION").strip());
    }
}
