package io.slipway.plugins.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.plugin.api.config.Config;
import io.slipway.plugin.api.source.ArchiveRejectedException;
import io.slipway.plugin.api.source.ArchiveUpload;
import io.slipway.plugin.api.source.SourceRequest;
import io.slipway.plugin.api.source.SourceRevision;
import io.slipway.plugin.api.source.StoredArchive;
import io.slipway.plugin.testkit.TestStepContext;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UploadSourceProviderTest {
    private static final String APP = "test-app";

    @TempDir
    Path tmp;

    private Path data() {
        return tmp.resolve("data");
    }

    private UploadSourceProvider provider() {
        return new UploadSourceProvider(data());
    }

    private StoredArchive receive(Path file) {
        return receive(file, Config.empty());
    }

    private StoredArchive receive(Path file, Config config) {
        return provider().receive(new ArchiveUpload(APP, config, file, file.getFileName().toString()));
    }

    private Path fetch(Optional<String> ref) {
        Path target = tmp.resolve("src-" + System.nanoTime());
        TestStepContext step = TestStepContext.withTimeout(Duration.ofSeconds(30));
        SourceRevision r = provider().fetch(new SourceRequest(Config.empty(), ref, target), step);
        assertTrue(r.message().contains("bytes"), r.message());
        return target;
    }

    private static Map<String, String> entries(String... nameAndContent) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < nameAndContent.length; i += 2) {
            m.put(nameAndContent[i], nameAndContent[i + 1]);
        }
        return m;
    }

    @Test
    void storesAZipByItsSha256AndUnpacksItWithoutItsTopFolder() throws IOException {
        Path zip = TestArchives.zip(tmp.resolve("site.zip"), entries("site/", "", "site/index.html", "hi",
                "site/css/app.css", "body{}"));
        StoredArchive stored = receive(zip);
        assertEquals(ArchiveStore.sha256(zip), stored.revision());
        assertEquals(Files.size(zip), stored.sizeBytes());
        assertEquals("zip", stored.format());
        assertEquals(3, stored.entries());
        assertTrue(Files.exists(data().resolve("archives/" + APP + "/" + stored.revision() + ".zip")));

        Path src = fetch(Optional.of(stored.revision()));
        assertEquals("hi", Files.readString(src.resolve("index.html")));
        assertEquals("body{}", Files.readString(src.resolve("css/app.css")));
        assertFalse(Files.exists(src.resolve("site")));
    }

    @Test
    void unpacksATarGzKeepingSeveralTopEntriesAndLinksInside() throws IOException {
        Path tgz = TestArchives.tarGz(tmp.resolve("app.tgz"), entries("index.html", "a", "docs/readme.md", "b",
                "home.html", "->index.html"));
        StoredArchive stored = receive(tgz);
        assertEquals("tar.gz", stored.format());
        Path src = fetch(Optional.of(stored.revision()));
        assertEquals("b", Files.readString(src.resolve("docs/readme.md")));
        assertTrue(Files.isSymbolicLink(src.resolve("home.html")));
        assertEquals("a", Files.readString(src.resolve("home.html")));
    }

    @Test
    void unpacksAPlainTar() throws IOException {
        StoredArchive stored = receive(TestArchives.tar(tmp.resolve("app.tar"), entries("app/main.go", "package main")));
        assertEquals("tar", stored.format());
        assertEquals("package main", Files.readString(fetch(Optional.of(stored.revision())).resolve("main.go")));
    }

    @Test
    void theSameBytesTwiceAreStoredOnceAndADeployWithoutRevisionTakesTheNewestUpload() throws IOException {
        StoredArchive first = receive(TestArchives.zip(tmp.resolve("a.zip"), entries("index.html", "one")));
        StoredArchive second = receive(TestArchives.zip(tmp.resolve("b.zip"), entries("index.html", "two")));
        StoredArchive again = receive(TestArchives.zip(tmp.resolve("c.zip"), entries("index.html", "two")));
        assertEquals(second.revision(), again.revision());
        try (Stream<Path> files = Files.list(data().resolve("archives/" + APP))) {
            assertEquals(2, files.count());
        }
        assertEquals("two", Files.readString(fetch(Optional.empty()).resolve("index.html")));
        assertEquals("one", Files.readString(fetch(Optional.of(first.revision())).resolve("index.html")));
    }

    @Test
    void pruneDeletesArchivesNoRetainedDeploymentUses() {
        StoredArchive old = receive(TestArchives.zip(tmp.resolve("a.zip"), entries("index.html", "one")));
        StoredArchive kept = receive(TestArchives.zip(tmp.resolve("b.zip"), entries("index.html", "two")));
        provider().prune(APP, Set.of(kept.revision()));
        assertFalse(Files.exists(data().resolve("archives/" + APP + "/" + old.revision() + ".zip")));
        assertTrue(Files.exists(data().resolve("archives/" + APP + "/" + kept.revision() + ".zip")));
    }

    @Test
    void failsAFetchOfARevisionNoLongerStored() {
        TestStepContext step = TestStepContext.withTimeout(Duration.ofSeconds(5));
        Exception e = assertThrows(RuntimeException.class, () -> provider().fetch(
                new SourceRequest(Config.empty(), Optional.of("a".repeat(64)), tmp.resolve("src")), step));
        assertTrue(e.getMessage().contains("upload it again"), e.getMessage());
    }

    // ---- bad input: each refused with a clear message, nothing stored, nothing written outside -----

    private void assertRejected(Path file, String expected) {
        assertRejected(file, Config.empty(), expected);
    }

    private void assertRejected(Path file, Config config, String expected) {
        ArchiveRejectedException e = assertThrows(ArchiveRejectedException.class, () -> receive(file, config));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(leftNothing(), "a rejected upload must leave no files");
        assertFalse(Files.exists(tmp.resolve("evil")), "nothing may be written outside the upload's folder");
        assertFalse(Files.exists(Path.of("/tmp/slipway-evil")), "nothing may be written at absolute paths");
    }

    private boolean leftNothing() {
        if (!Files.exists(data())) {
            return true;
        }
        try (Stream<Path> files = Files.walk(data())) {
            return files.noneMatch(Files::isRegularFile);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void rejectsZipSlipEntry() {
        assertRejected(TestArchives.zip(tmp.resolve("slip.zip"), entries("index.html", "x", "../evil", "pwned")),
                "leaves its folder");
    }

    @Test
    void rejectsZipSlipEntryInATarGz() {
        assertRejected(TestArchives.tarGz(tmp.resolve("slip.tgz"), entries("a/../../evil", "pwned")), "leaves its folder");
    }

    @Test
    void rejectsAbsolutePathEntry() {
        assertRejected(TestArchives.zip(tmp.resolve("abs.zip"), entries("/tmp/slipway-evil", "pwned")), "absolute path");
    }

    @Test
    void rejectsSymlinkPointingOutside() {
        assertRejected(TestArchives.tarGz(tmp.resolve("link.tgz"), entries("index.html", "x", "etc", "->../../etc")),
                "pointing outside");
    }

    @Test
    void rejectsAbsoluteSymlink() {
        assertRejected(TestArchives.tar(tmp.resolve("link.tar"), entries("index.html", "x", "passwd", "->/etc/passwd")),
                "pointing outside");
    }

    @Test
    void rejectsSymlinkInAZipPointingOutside() {
        assertRejected(TestArchives.zip(tmp.resolve("link.zip"), entries("index.html", "x", "up", "->..")),
                "pointing outside");
    }

    @Test
    void rejectsALinkThatLeadsOutsideThroughAnotherLink() {
        // d/s -> .. is inside (the root); u -> d/s/.. looks like d/ on paper but is the root's parent on disk.
        assertRejected(TestArchives.tar(tmp.resolve("chain.tar"), entries("index.html", "x", "d/keep", "k",
                "d/s", "->..", "u", "->d/s/..")), "through another link");
    }

    @Test
    void rejectsMoreEntriesThanTheLimit() {
        Map<String, String> many = new LinkedHashMap<>();
        for (int i = 0; i < 6; i++) {
            many.put("f" + i + ".txt", "x");
        }
        assertRejected(TestArchives.zip(tmp.resolve("many.zip"), many), new Config(Map.of("maxEntries", 5L)),
                "more than 5 entries");
    }

    @Test
    void rejectsAnArchiveUnpackingPastTheSizeCap() {
        String big = "0123456789abcdef".repeat(70_000); // ~1.1 MB, little compression in practice is not needed here
        assertRejected(TestArchives.zip(tmp.resolve("big.zip"), entries("big.txt", big)),
                new Config(Map.of("maxUnpackedMb", 1L)), "unpacks to more than 1048576 bytes");
    }

    @Test
    void rejectsAZipBombByItsCompressionRatio() throws IOException {
        Path bomb = tmp.resolve("bomb.zip");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(bomb))) {
            zip.putNextEntry(new ZipEntry("zeros.bin"));
            byte[] zeros = new byte[1024 * 1024];
            for (int i = 0; i < 20; i++) {
                zip.write(zeros);
            }
            zip.closeEntry();
        }
        assertRejected(bomb, "zip bomb");
    }

    @Test
    void rejectsAFileThatIsNotAnArchive() throws IOException {
        Path text = Files.writeString(tmp.resolve("notes.zip"), "just some text, not a zip");
        assertRejected(text, "not an archive");
    }

    @Test
    void rejectsATruncatedArchive() throws IOException {
        Path zip = TestArchives.zip(tmp.resolve("full.zip"), entries("index.html", "x".repeat(5000)));
        byte[] bytes = Files.readAllBytes(zip);
        Path cut = Files.write(tmp.resolve("cut.zip"), java.util.Arrays.copyOf(bytes, 40));
        assertRejected(cut, "damaged");
    }

    @Test
    void rejectsAnEmptyZip() throws IOException {
        Path empty = tmp.resolve("empty.zip");
        try (OutputStream out = new ZipOutputStream(Files.newOutputStream(empty))) {
            out.flush();
        }
        assertRejected(empty, "empty");
    }

    @Test
    void rejectsAnArchiveOfOnlyFolders() {
        assertRejected(TestArchives.tarGz(tmp.resolve("dirs.tgz"), entries("a/", "", "a/b/", "")), "empty");
    }

    @Test
    void aRejectedFetchLeavesTheSourceFolderEmpty() throws IOException {
        StoredArchive ok = receive(TestArchives.zip(tmp.resolve("ok.zip"), entries("index.html", "x")));
        Path stored = data().resolve("archives/" + APP + "/" + ok.revision() + ".zip");
        // The stored file replaced behind the store's back (disk corruption, say): the fetch re-checks.
        TestArchives.zip(stored, entries("index.html", "x", "../evil", "y"));
        Path target = tmp.resolve("src");
        TestStepContext step = TestStepContext.withTimeout(Duration.ofSeconds(5));
        assertThrows(ArchiveRejectedException.class, () -> provider().fetch(
                new SourceRequest(Config.empty(), Optional.of(ok.revision()), target), step));
        try (Stream<Path> files = Files.list(target)) {
            assertEquals(List.of(), files.toList());
        } catch (java.nio.file.NoSuchFileException e) {
            // not even created: fine
        }
        assertFalse(Files.exists(tmp.resolve("evil")));
    }
}
