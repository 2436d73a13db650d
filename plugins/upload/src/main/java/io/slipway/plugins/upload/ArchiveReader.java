package io.slipway.plugins.upload;

import io.slipway.plugin.api.source.ArchiveRejectedException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/** Walks the entries of a zip, tar or tar.gz in order, handing each with its content stream to a visitor. */
final class ArchiveReader {

    @FunctionalInterface
    interface Visitor {
        /** {@code content} is only valid during the call; empty for anything but files. */
        void visit(ArchiveEntry entry, InputStream content) throws IOException;
    }

    private ArchiveReader() {
    }

    static void read(Path file, ArchiveFormat format, Visitor visitor) {
        try {
            if (format == ArchiveFormat.ZIP) {
                readZip(file, visitor);
            } else {
                readTar(file, format == ArchiveFormat.TAR_GZ, visitor);
            }
        } catch (ArchiveRejectedException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ArchiveRejectedException("The " + format.extension() + " archive is damaged or not an archive ("
                    + e.getMessage() + "): create it again and upload it.", e);
        }
    }

    private static void readZip(Path file, Visitor visitor) throws IOException {
        try (ZipFile zip = ZipFile.builder().setPath(file).get()) {
            Enumeration<ZipArchiveEntry> entries = zip.getEntriesInPhysicalOrder();
            while (entries.hasMoreElements()) {
                ZipArchiveEntry e = entries.nextElement();
                int mode = e.getPlatform() == ZipArchiveEntry.PLATFORM_UNIX ? e.getUnixMode() & 07777 : 0;
                if (e.isUnixSymlink()) {
                    visitor.visit(new ArchiveEntry(e.getName(), ArchiveEntry.Kind.SYMLINK, zip.getUnixSymlink(e), mode),
                            InputStream.nullInputStream());
                } else if (e.isDirectory()) {
                    visitor.visit(new ArchiveEntry(e.getName(), ArchiveEntry.Kind.DIRECTORY, "", mode),
                            InputStream.nullInputStream());
                } else {
                    try (InputStream in = zip.getInputStream(e)) {
                        visitor.visit(new ArchiveEntry(e.getName(), ArchiveEntry.Kind.FILE, "", mode), in);
                    }
                }
            }
        }
    }

    private static void readTar(Path file, boolean gzipped, Visitor visitor) throws IOException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file));
             InputStream unpacked = gzipped ? GzipCompressorInputStream.builder().setInputStream(raw)
                     .setDecompressConcatenated(true).get() : raw;
             TarArchiveInputStream tar = new TarArchiveInputStream(unpacked, StandardCharsets.UTF_8.name())) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                int mode = e.getMode() & 07777;
                ArchiveEntry.Kind kind = e.isSymbolicLink() ? ArchiveEntry.Kind.SYMLINK
                        : e.isLink() ? ArchiveEntry.Kind.HARDLINK
                        : e.isDirectory() ? ArchiveEntry.Kind.DIRECTORY
                        : e.isFile() ? ArchiveEntry.Kind.FILE : ArchiveEntry.Kind.SPECIAL;
                String link = e.getLinkName() == null ? "" : e.getLinkName();
                visitor.visit(new ArchiveEntry(e.getName(), kind, link, mode),
                        kind == ArchiveEntry.Kind.FILE ? tar : InputStream.nullInputStream());
            }
        }
    }
}
