package io.slipway.plugins.upload;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/** Archives built in code for the tests: entry name → content; a content starting with "->" makes a symbolic link. */
final class TestArchives {
    private TestArchives() {
    }

    static Path zip(Path file, Map<String, String> entries) {
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(Files.newOutputStream(file))) {
            for (Map.Entry<String, String> e : entries.entrySet()) {
                ZipArchiveEntry entry = new ZipArchiveEntry(e.getKey());
                byte[] bytes;
                if (e.getValue().startsWith("->")) {
                    entry.setUnixMode(0120777);
                    bytes = e.getValue().substring(2).getBytes(StandardCharsets.UTF_8);
                } else {
                    entry.setUnixMode(e.getKey().endsWith("/") ? 040755 : 0100644);
                    bytes = e.getValue().getBytes(StandardCharsets.UTF_8);
                }
                zip.putArchiveEntry(entry);
                zip.write(bytes);
                zip.closeArchiveEntry();
            }
            return file;
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    static Path tarGz(Path file, Map<String, String> entries) {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(tarBytes(entries));
            return file;
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    static Path tar(Path file, Map<String, String> entries) {
        try {
            Files.write(file, tarBytes(entries));
            return file;
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static byte[] tarBytes(Map<String, String> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Map.Entry<String, String> e : entries.entrySet()) {
                TarArchiveEntry entry;
                if (e.getValue().startsWith("->")) {
                    entry = new TarArchiveEntry(e.getKey(), TarConstants.LF_SYMLINK, true);
                    entry.setLinkName(e.getValue().substring(2));
                    tar.putArchiveEntry(entry);
                } else {
                    entry = new TarArchiveEntry(e.getKey(), true);
                    byte[] content = e.getValue().getBytes(StandardCharsets.UTF_8);
                    entry.setSize(content.length);
                    tar.putArchiveEntry(entry);
                    tar.write(content);
                }
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }
}
