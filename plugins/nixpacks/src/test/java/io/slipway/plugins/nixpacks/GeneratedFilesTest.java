package io.slipway.plugins.nixpacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratedFilesTest {
    @TempDir
    Path dir;

    @Test
    void writesAFileInANewFolderOfTheSource() throws IOException {
        Path source = Files.createDirectory(dir.resolve("src"));
        GeneratedFiles.write(source, ".assets/nginx.conf", "daemon off;");
        assertEquals("daemon off;", Files.readString(source.resolve(".assets/nginx.conf")));
    }

    @Test
    void replacesALinkInTheSourceRatherThanWritingThroughIt() throws IOException {
        Path source = Files.createDirectory(dir.resolve("src"));
        Path outside = Files.createDirectory(dir.resolve("outside"));
        Files.writeString(outside.resolve("nginx.conf"), "keep");
        Files.createSymbolicLink(source.resolve(".assets"), outside);
        Files.createSymbolicLink(source.resolve("gen.Dockerfile"), outside.resolve("nginx.conf"));

        GeneratedFiles.write(source, ".assets/nginx.conf", "daemon off;");
        GeneratedFiles.write(source, "gen.Dockerfile", "FROM x");

        assertEquals("keep", Files.readString(outside.resolve("nginx.conf")));
        assertFalse(Files.isSymbolicLink(source.resolve(".assets")));
        assertEquals("daemon off;", Files.readString(source.resolve(".assets/nginx.conf")));
        assertEquals("FROM x", Files.readString(source.resolve("gen.Dockerfile")));
        assertTrue(Files.isRegularFile(outside.resolve("nginx.conf")));
    }

    @Test
    void refusesToReplaceAFolderOfTheSource() throws IOException {
        Path source = Files.createDirectory(dir.resolve("src"));
        Files.createDirectories(source.resolve("gen.Dockerfile/inner"));
        assertThrows(IOException.class, () -> GeneratedFiles.write(source, "gen.Dockerfile", "FROM x"));
        assertTrue(Files.isDirectory(source.resolve("gen.Dockerfile/inner")));
    }
}
