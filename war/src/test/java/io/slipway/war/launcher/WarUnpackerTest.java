package io.slipway.war.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WarUnpackerTest {
    @TempDir
    Path dir;

    private Path cache() throws IOException {
        return Files.createDirectories(dir.resolve("cache"));
    }

    private WarUnpacker unpacker() throws IOException {
        return new WarUnpacker(cache(), line -> { });
    }

    @Test
    void unpacksLibrariesEmbeddedLibrariesPluginsAndClassesOnly() throws IOException {
        Path war = TestWars.write(dir.resolve("slipway.war"), Map.of(
                "WEB-INF/lib-embedded/jetty.jar", "jetty",
                "WEB-INF/plugins/git.jar", "git",
                "WEB-INF/classes/logback.xml", "<configuration/>",
                "WEB-INF/classes/io/slipway/Extra.class", "extra"));

        WarUnpacker.Unpacked unpacked = unpacker().unpack(war);
        unpacked.release();

        Path root = unpacked.dir();
        assertTrue(root.getFileName().toString().startsWith("slipway-war-"), root.toString());
        assertEquals(Set.of("WEB-INF/lib/core.jar", "WEB-INF/lib-embedded/jetty.jar", "WEB-INF/plugins/git.jar",
                "WEB-INF/classes/logback.xml", "WEB-INF/classes/io/slipway/Extra.class"), files(root));
        assertEquals("git", Files.readString(root.resolve("WEB-INF/plugins/git.jar")));
        assertEquals(root.resolve("WEB-INF/plugins"), unpacked.war().pluginsDir());
        assertEquals(3, unpacked.war().classPath().length, "classes/, core.jar, jetty.jar");
    }

    @Test
    void reusesTheCopyOfAnUnchangedWar() throws IOException {
        Path war = TestWars.write(dir.resolve("slipway.war"), Map.of());
        WarUnpacker.Unpacked first = unpacker().unpack(war);
        first.release();
        Path marked = Files.writeString(first.dir().resolve("WEB-INF/lib/core.jar"), "marked by the first start");

        WarUnpacker.Unpacked second = unpacker().unpack(war);
        second.release();

        assertEquals(first.dir(), second.dir());
        assertEquals("marked by the first start", Files.readString(marked), "the second start unpacked again");
    }

    @Test
    void unpacksAgainWhenACleanerDeletedFilesOfTheCopy() throws IOException {
        Path war = TestWars.write(dir.resolve("slipway.war"), Map.of("WEB-INF/lib/other.jar", "other"));
        WarUnpacker.Unpacked first = unpacker().unpack(war);
        first.release();
        Files.delete(first.dir().resolve("WEB-INF/lib/other.jar"));

        WarUnpacker.Unpacked second = unpacker().unpack(war);
        second.release();

        assertEquals(first.dir(), second.dir());
        assertEquals("other", Files.readString(second.dir().resolve("WEB-INF/lib/other.jar")));
    }

    @Test
    void unpacksAChangedWarAfreshAndDeletesTheOldUnusedCopy() throws IOException {
        Path war = TestWars.write(dir.resolve("slipway.war"), Map.of());
        WarUnpacker.Unpacked old = unpacker().unpack(war);
        old.release();

        TestWars.write(war, Map.of("WEB-INF/lib/new.jar", "a rebuilt war"));
        WarUnpacker.Unpacked rebuilt = unpacker().unpack(war);
        rebuilt.release();

        assertNotEquals(old.dir(), rebuilt.dir());
        assertTrue(Files.exists(rebuilt.dir().resolve("WEB-INF/lib/new.jar")));
        assertFalse(Files.exists(old.dir()), "the old copy was kept");
    }

    @Test
    void keepsAnOldCopyWhileAServerInAnotherJvmHoldsIt() throws Exception {
        Path war = TestWars.write(dir.resolve("slipway.war"), Map.of());
        Process holder = unpackInAnotherJvm(war, "hold");
        Path held;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))) {
            held = Path.of(out.readLine());

            TestWars.write(war, Map.of("WEB-INF/lib/new.jar", "rebuilt while the old one runs"));
            unpacker().unpack(war).release();
            assertTrue(Files.exists(held.resolve("WEB-INF/lib/core.jar")), "deleted the copy a running server uses");

            holder.getOutputStream().close();
            assertTrue(holder.waitFor(30, TimeUnit.SECONDS));
        }
        TestWars.write(war, Map.of("WEB-INF/lib/newer.jar", "rebuilt once more"));
        WarUnpacker.Unpacked newest = unpacker().unpack(war);
        newest.release();
        try (Stream<Path> left = Files.list(cache())) {
            assertEquals(List.of(newest.dir()), left.toList(), "old copies left behind");
        }
    }

    @Test
    void concurrentStartsOfOneWarShareOneCopy() throws Exception {
        Path war = TestWars.write(dir.resolve("slipway.war"), Map.of("WEB-INF/lib/big.jar", "x".repeat(2_000_000)));
        List<Process> starts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            starts.add(unpackInAnotherJvm(war, "exit"));
        }
        Set<String> dirs = new java.util.HashSet<>();
        for (Process p : starts) {
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            assertEquals(0, p.exitValue(), out);
            dirs.add(out);
        }
        assertEquals(1, dirs.size(), dirs.toString());
        try (Stream<Path> left = Files.list(cache())) {
            assertEquals(List.of(Path.of(dirs.iterator().next())), left.toList(), "temporary copies left behind");
        }
        assertEquals(2_000_000, Files.size(Path.of(dirs.iterator().next(), "WEB-INF/lib/big.jar")));
    }

    @Test
    void neverReusesACopyOthersCanWriteTo() throws IOException {
        Path war = TestWars.write(dir.resolve("slipway.war"), Map.of());
        WarUnpacker.Unpacked first = unpacker().unpack(war);
        first.release();
        Files.setPosixFilePermissions(first.dir(), PosixFilePermissions.fromString("rwxrwxrwx"));

        WarUnpacker.Unpacked second = unpacker().unpack(war);
        second.release();

        assertNotEquals(first.dir(), second.dir());
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(second.dir())));
        assertTrue(Files.exists(second.dir().resolve("WEB-INF/lib/core.jar")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"WEB-INF/lib/../../../evil.jar", "../evil.jar", "/tmp/evil.jar", "WEB-INF\\..\\..\\evil.jar",
            "C:/evil.jar", "WEB-INF/classes/../../../../evil.jar"})
    void rejectsAnEntryThatCouldWriteOutsideItsFolder(String name) throws IOException {
        Path war = TestWars.write(dir.resolve("slipway.war"), Map.of(name, "evil"));

        ZipException e = assertThrows(ZipException.class, () -> unpacker().unpack(war));

        assertTrue(e.getMessage().contains(name), e.getMessage());
        try (Stream<Path> everything = Files.walk(dir)) {
            assertTrue(everything.noneMatch(p -> p.getFileName().toString().equals("evil.jar")), "an evil entry was written");
        }
        try (Stream<Path> left = Files.list(cache())) {
            assertEquals(List.of(), left.toList(), "a half-made copy was left behind");
        }
    }

    @Test
    void rejectsAWarWithoutLibraries() throws IOException {
        Path notAWar = TestWars.writeExactly(dir.resolve("other.war"), Map.of("WEB-INF/web.xml", "<web-app/>"));

        ZipException e = assertThrows(ZipException.class, () -> unpacker().unpack(notAWar));

        assertTrue(e.getMessage().contains("not a Slipway war"), e.getMessage());
    }

    private static Set<String> files(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .filter(n -> !n.startsWith(".")).collect(Collectors.toSet());
        }
    }

    private Process unpackInAnotherJvm(Path war, String mode) throws Exception {
        String classPath = Path.of(WarUnpacker.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                + java.io.File.pathSeparator
                + Path.of(UnpackOnce.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath, UnpackOnce.class.getName(), war.toString(), cache().toString(), mode))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }
}
