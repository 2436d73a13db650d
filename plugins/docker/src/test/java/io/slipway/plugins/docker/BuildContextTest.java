package io.slipway.plugins.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.plugin.api.StepFailedException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildContextTest {
    @TempDir
    Path source;
    @TempDir
    Path outside;

    /** One entry of the packed tar: its header and, for files, its text. */
    private record Packed(TarArchiveEntry entry, String text) {
    }

    private Map<String, Packed> pack(String dockerfile) throws IOException {
        Map<String, Packed> entries = new LinkedHashMap<>();
        try (InputStream tar = BuildContext.stream(new BuildInputs(source.resolve("Dockerfile"), source), dockerfile);
             TarArchiveInputStream in = new TarArchiveInputStream(tar)) {
            for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.put(e.getName(), new Packed(e, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            }
        }
        return entries;
    }

    private void write(String path, String text) throws IOException {
        Path file = source.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    @Test
    void linksTravelAsLinksAndNothingBehindThemIsRead() throws Exception {
        Files.writeString(outside.resolve("secret.txt"), "top-secret-value");
        write("Dockerfile", "FROM scratch\n");
        Files.createSymbolicLink(source.resolve("data"), outside);
        Files.createSymbolicLink(source.resolve("secret"), outside.resolve("secret.txt"));

        Map<String, Packed> entries = pack("FROM scratch\n");

        assertTrue(entries.get("data").entry().isSymbolicLink());
        assertEquals(outside.toString(), entries.get("data").entry().getLinkName());
        assertTrue(entries.get("secret").entry().isSymbolicLink());
        assertTrue(entries.keySet().stream().noneMatch(n -> n.startsWith("data/")), entries.keySet().toString());
        assertTrue(entries.values().stream().noneMatch(p -> p.text().contains("top-secret-value")));
    }

    @Test
    void leavesOutWhatTheDockerignoreNamesButKeepsItsExceptions() throws Exception {
        write("Dockerfile", "FROM scratch\n");
        write(".dockerignore", "# build output\nnode_modules\n/*.log\n! keep.log\n");
        write("node_modules/left-pad/index.js", "x");
        write("app.log", "x");
        write("keep.log", "x");
        write("src/main.js", "x");

        Map<String, Packed> entries = pack("FROM scratch\n");

        assertTrue(entries.containsKey("src/main.js"), entries.keySet().toString());
        assertTrue(entries.containsKey("keep.log"), entries.keySet().toString());
        assertFalse(entries.containsKey("app.log"), entries.keySet().toString());
        assertTrue(entries.keySet().stream().noneMatch(n -> n.startsWith("node_modules")), entries.keySet().toString());
        assertEquals("# build output\nnode_modules\n/*.log\n! keep.log\n\n" + BuildContext.DOCKERFILE + "\n",
                entries.get(".dockerignore").text());
    }

    @Test
    void anAllowListKeepsOnlyWhatItNames() throws Exception {
        write("Dockerfile", "FROM scratch\n");
        write(".dockerignore", "*\n!src\n!node_modules/keep/index.js\n");
        write("src/main.js", "x");
        write("docs/guide.md", "x");
        write("node_modules/keep/index.js", "x");
        write("node_modules/drop/index.js", "x");

        Map<String, Packed> entries = pack("FROM scratch\n");

        assertTrue(entries.containsKey("src/main.js"), entries.keySet().toString());
        assertTrue(entries.containsKey("node_modules/keep/index.js"), entries.keySet().toString());
        assertFalse(entries.containsKey("node_modules/drop/index.js"), entries.keySet().toString());
        assertFalse(entries.containsKey("docs/guide.md"), entries.keySet().toString());
        assertFalse(entries.containsKey("Dockerfile"), "the source's Dockerfile is left out too; ours travels");
        assertTrue(entries.containsKey(BuildContext.DOCKERFILE));
    }

    @Test
    void sendsTheGivenDockerfileTextAndIgnoresItsOwnAdditions() throws Exception {
        write("Dockerfile", "FROM scratch\n");

        Map<String, Packed> entries = pack("FROM scratch\nLABEL a=b\n");

        assertEquals("FROM scratch\nLABEL a=b\n", entries.get(BuildContext.DOCKERFILE).text());
        assertEquals("FROM scratch\n", entries.get("Dockerfile").text());
        assertEquals(".dockerignore\n" + BuildContext.DOCKERFILE + "\n", entries.get(".dockerignore").text());
    }

    @Test
    void keepsFileModes() throws Exception {
        write("Dockerfile", "FROM scratch\n");
        write("run.sh", "#!/bin/sh\n");
        Files.setPosixFilePermissions(source.resolve("run.sh"), PosixFilePermissions.fromString("rwxr-x---"));

        Map<String, Packed> entries = pack("FROM scratch\n");

        assertEquals(0750, entries.get("run.sh").entry().getMode() & 0777);
        assertTrue(entries.get("run.sh").entry().isFile());
    }

    @Test
    void refusesADockerignoreLinkedOutOfTheContext() throws Exception {
        write("Dockerfile", "FROM scratch\n");
        Files.writeString(outside.resolve("elsewhere"), "secret\n");
        Files.createSymbolicLink(source.resolve(".dockerignore"), outside.resolve("elsewhere"));

        StepFailedException e = assertThrows(StepFailedException.class, () -> pack("FROM scratch\n"));

        assertTrue(e.getMessage().contains(".dockerignore is not a regular file inside the context"), e.getMessage());
    }

    @Test
    void refusesAnInvalidDockerignorePatternBeforePackingAnything() throws Exception {
        write("Dockerfile", "FROM scratch\n");
        write(".dockerignore", "src/[\n");

        StepFailedException e = assertThrows(StepFailedException.class, () -> pack("FROM scratch\n"));

        assertTrue(e.getMessage().contains("invalid pattern 'src/['"), e.getMessage());
    }

    @Test
    void packsALargeContextWhileItIsRead() throws Exception {
        write("Dockerfile", "FROM scratch\n");
        byte[] chunk = new byte[1 << 20];
        for (int i = 0; i < 8; i++) {
            java.util.Arrays.fill(chunk, (byte) ('a' + i));
            Files.createDirectories(source.resolve("big"));
            Files.write(source.resolve("big/part-" + i), chunk);
        }

        Map<String, Packed> entries = pack("FROM scratch\n");

        for (int i = 0; i < 8; i++) {
            TarArchiveEntry e = entries.get("big/part-" + i).entry();
            assertEquals(1 << 20, e.getSize());
            assertEquals(String.valueOf((char) ('a' + i)).repeat(1 << 20), entries.get("big/part-" + i).text());
        }
    }
}
