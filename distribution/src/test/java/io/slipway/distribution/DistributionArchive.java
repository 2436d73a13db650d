package io.slipway.distribution;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/** The built release archive, as the tests see it: its entries, and an unpacked copy. */
final class DistributionArchive {

    /** Where the failsafe configuration in distribution/pom.xml says the archive is. */
    static Path path() {
        String archive = System.getProperty("slipway.dist.archive");
        if (archive == null) {
            throw new IllegalStateException("system property slipway.dist.archive is not set: run the tests with mvn verify");
        }
        Path path = Paths.get(archive);
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException("no archive at " + path + ": the package phase should have built it");
        }
        return path;
    }

    static String version() {
        return System.getProperty("slipway.dist.version");
    }

    static String topFolder() {
        return "slipway-" + version() + "/";
    }

    /** Entry name (as stored, e.g. "slipway-1.0/bin/slipway") to entry, in archive order. */
    static Map<String, TarArchiveEntry> entries() throws IOException {
        Map<String, TarArchiveEntry> entries = new LinkedHashMap<>();
        try (TarArchiveInputStream tar = open()) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                entries.put(entry.getName(), entry);
            }
        }
        return entries;
    }

    /**
     * Unpacks the archive into {@code target} keeping the file modes (as tar would), and returns
     * the unpacked top folder. Refuses entries that would land outside {@code target}.
     */
    static Path unpack(Path target) throws IOException {
        Path root = target.toAbsolutePath().normalize();
        try (TarArchiveInputStream tar = open()) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path out = root.resolve(entry.getName()).normalize();
                if (!out.startsWith(root)) {
                    throw new IOException("archive entry escapes the target folder: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
                }
                Files.setPosixFilePermissions(out, permissions(entry.getMode()));
            }
        }
        return root.resolve(topFolder());
    }

    static String text(Map<String, TarArchiveEntry> entries, String relative) throws IOException {
        String name = topFolder() + relative;
        if (!entries.containsKey(name)) {
            throw new AssertionError("archive has no " + name);
        }
        try (TarArchiveInputStream tar = open()) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                if (entry.getName().equals(name)) {
                    return new String(tar.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                }
            }
        }
        throw new AssertionError("archive has no " + name);
    }

    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {
            PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE,
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE,
        };
        for (int bit = 0; bit < 9; bit++) {
            if ((mode & (0400 >> bit)) != 0) {
                perms.add(order[bit]);
            }
        }
        return perms;
    }

    private static TarArchiveInputStream open() throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(path()));
        return new TarArchiveInputStream(new GzipCompressorInputStream(in));
    }

    private DistributionArchive() {}
}
