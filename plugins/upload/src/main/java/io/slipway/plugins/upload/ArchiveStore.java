package io.slipway.plugins.upload;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Archives stored by content: {@code <dir>/<app>/<sha256>.<zip|tar|tar.gz>}. Storing the same bytes
 * twice keeps one file (and marks it the newest upload); a file appears complete or not at all.
 */
final class ArchiveStore {
    private static final Pattern APP = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final Path dir;

    ArchiveStore(Path dir) {
        this.dir = dir;
    }

    /** A stored archive: its revision, format and file. */
    record Stored(String revision, ArchiveFormat format, Path file) {
    }

    static boolean isRevision(String text) {
        return SHA256.matcher(text).matches();
    }

    static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    Stored put(String app, String revision, ArchiveFormat format, Path source) {
        Path appDir = appDir(app);
        Path target = appDir.resolve(revision + "." + format.extension());
        try {
            Files.createDirectories(appDir);
            if (!Files.exists(target)) {
                Path incoming = appDir.resolve(".incoming-" + UUID.randomUUID());
                try {
                    Files.copy(source, incoming);
                    move(incoming, target);
                } finally {
                    Files.deleteIfExists(incoming);
                }
            }
            Files.setLastModifiedTime(target, FileTime.from(Instant.now()));
            return new Stored(revision, format, target);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not store the archive in " + appDir, e);
        }
    }

    Optional<Stored> find(String app, String revision) {
        if (!isRevision(revision)) {
            return Optional.empty();
        }
        return list(app).stream().filter(s -> s.revision().equals(revision)).findFirst();
    }

    /** The app's most recently uploaded archive. */
    Optional<Stored> latest(String app) {
        return list(app).stream().max(Comparator.comparing(s -> modified(s.file())));
    }

    /** Deletes the app's archives whose revision is not in {@code keep}; returns how many. */
    int prune(String app, Set<String> keep) {
        int deleted = 0;
        for (Stored s : list(app)) {
            if (!keep.contains(s.revision())) {
                try {
                    Files.deleteIfExists(s.file());
                    deleted++;
                } catch (IOException e) {
                    throw new UncheckedIOException("Could not delete " + s.file(), e);
                }
            }
        }
        return deleted;
    }

    List<Stored> list(String app) {
        Path appDir = appDir(app);
        if (!Files.isDirectory(appDir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(appDir)) {
            return files.map(ArchiveStore::parse).flatMap(Optional::stream).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path appDir(String app) {
        if (!APP.matcher(app).matches()) {
            throw new IllegalArgumentException("not an app name: " + app);
        }
        return dir.resolve(app);
    }

    private static Optional<Stored> parse(Path file) {
        String name = file.getFileName().toString();
        int dot = name.indexOf('.');
        if (dot != 64 || !isRevision(name.substring(0, dot))) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Stored(name.substring(0, dot), ArchiveFormat.ofExtension(name.substring(dot + 1)), file));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
