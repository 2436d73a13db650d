package io.slipway.war.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Unpacks what {@code java -jar slipway.war} needs ({@code WEB-INF/lib}, {@code lib-embedded},
 * {@code classes}, {@code plugins}) into {@code <cacheRoot>/slipway-war-<path>-<identity>/}, once per
 * war: the identity is the war's real path, size and modification time, so a rebuilt or replaced war
 * gets a fresh folder and an unchanged one starts without copying anything.
 *
 * <p>Concurrent starts are safe: each unpacks into its own private temporary sibling, writes the
 * {@value #MARKER} file last and renames the folder atomically; the loser of a race uses the winner's.
 * A running server holds a shared lock on the folder's {@value #LOCK} file; after a fresh unpack,
 * the folders of older builds of the same war path that nobody holds are deleted, so rebuilds do not
 * fill the temporary folder. A folder another user owns or could write to is never trusted.
 */
final class WarUnpacker {
    static final String PREFIX = "slipway-war-";
    static final String MARKER = ".complete";
    static final String LOCK = ".lock";
    private static final List<String> UNPACKED = List.of(
            "WEB-INF/lib/", "WEB-INF/lib-embedded/", "WEB-INF/plugins/", "WEB-INF/classes/");
    private static final Duration ABANDONED = Duration.ofHours(1);

    private final Path cacheRoot;
    private final Log log;

    /** Where progress lines go (standard error in the launcher, nowhere in tests). */
    interface Log {
        void info(String line);
    }

    WarUnpacker(Path cacheRoot, Log log) {
        this.cacheRoot = cacheRoot.toAbsolutePath().normalize();
        this.log = log;
    }

    /** The unpacked war, unpacked first unless an earlier start of the same war already did it. */
    Unpacked unpack(Path war) throws IOException {
        Path real = war.toRealPath();
        BasicFileAttributes attrs = Files.readAttributes(real, BasicFileAttributes.class);
        String identity = real + "\n" + attrs.size() + "\n" + attrs.lastModifiedTime().toMillis();
        String family = PREFIX + hash(real.toString()) + "-";
        Path dir = cacheRoot.resolve(family + hash(identity));
        for (int attempt = 0; attempt < 3; attempt++) {
            if (Files.exists(dir)) {
                Optional<Unpacked> reused = reuse(dir, identity);
                if (reused.isPresent()) {
                    return reused.get();
                }
                if (!isOurs(dir) || !deleteIfUnused(dir)) {
                    log.info("Not reusing " + dir + " (another user's, or damaged and in use); unpacking privately");
                    return fresh(real, identity, family, Optional.empty()).orElseThrow();
                }
            }
            Optional<Unpacked> made = fresh(real, identity, family, Optional.of(dir));
            if (made.isPresent()) {
                sweep(family, dir);
                return made.get();
            }
            // Lost a race: another start renamed its copy into place first; the next round uses that one.
        }
        throw new IOException("Could not unpack " + real + " into " + dir + ": it keeps changing. Is another start failing?");
    }

    /**
     * Unpacks into a private temporary folder, then renames it to {@code target} when given (else
     * uses it where it is). Empty when another start renamed its own copy to {@code target} first.
     */
    private Optional<Unpacked> fresh(Path war, String identity, String family, Optional<Path> target) throws IOException {
        long start = System.nanoTime();
        Path tmp = Files.createTempDirectory(cacheRoot, family + "tmp-");
        try {
            Stats stats = extract(war, tmp);
            Files.createFile(tmp.resolve(LOCK));
            Files.writeString(tmp.resolve(MARKER), identity + "\n" + stats.files(), StandardCharsets.UTF_8);
            long ms = (System.nanoTime() - start) / 1_000_000;
            if (target.isEmpty()) {
                log.info("Unpacked " + stats + " from " + war + " into " + tmp + " in " + ms + " ms");
                return Optional.of(lock(tmp).orElseThrow(() -> new IOException(tmp + " vanished while starting")));
            }
            try {
                Files.move(tmp, target.get(), StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("The temporary folder " + cacheRoot + " cannot rename atomically; set -Djava.io.tmpdir to a local folder", e);
            } catch (IOException e) {
                // Linux reports a non-empty target as ENOTEMPTY, which Java maps to no specific exception.
                if (!Files.exists(target.get())) {
                    throw e;
                }
                deleteTree(tmp);
                return Optional.empty();
            }
            log.info("Unpacked " + stats + " from " + war + " into " + target.get() + " in " + ms + " ms (later starts reuse it)");
            // Not locked yet: a sweep by another start may delete it first; then the caller retries.
            return reuse(target.get(), identity);
        } catch (IOException | RuntimeException e) {
            deleteTree(tmp);
            throw e;
        }
    }

    private Optional<Unpacked> reuse(Path dir, String identity) throws IOException {
        if (!isOurs(dir) || !isComplete(dir, identity)) {
            return Optional.empty();
        }
        Optional<Unpacked> locked = lock(dir);
        // A sweep may have deleted the folder between the check and the lock: check again under it.
        if (locked.isPresent() && !isComplete(dir, identity)) {
            locked.get().release();
            return Optional.empty();
        }
        return locked;
    }

    /**
     * The marker names this war and the number of files unpacked; the count catches a copy that a
     * temporary-folder cleaner (systemd-tmpfiles, tmpreaper) has thinned out since.
     */
    private static boolean isComplete(Path dir, String identity) {
        try {
            String marker = Files.readString(dir.resolve(MARKER), StandardCharsets.UTF_8);
            if (!marker.startsWith(identity + "\n")) {
                return false;
            }
            long expected = Long.parseLong(marker.substring(identity.length() + 1));
            try (Stream<Path> files = Files.walk(dir.resolve("WEB-INF"))) {
                return files.filter(Files::isRegularFile).count() == expected;
            }
        } catch (IOException | NumberFormatException e) {
            return false;
        }
    }

    /** Holds a shared lock on the folder for the life of the server, so no sweep deletes it. */
    private static Optional<Unpacked> lock(Path dir) throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.READ);
        } catch (java.nio.file.NoSuchFileException e) {
            return Optional.empty();
        }
        try {
            FileLock lock = channel.lock(0, Long.MAX_VALUE, true);
            return Optional.of(new Unpacked(dir, lock));
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private Stats extract(Path war, Path into) throws IOException {
        try (ZipFile zip = new ZipFile(war.toFile())) {
            List<ZipEntry> wanted = new ArrayList<>();
            for (ZipEntry e : zip.stream().toList()) {
                checkSafe(e.getName());
                if (!e.isDirectory() && UNPACKED.stream().anyMatch(e.getName()::startsWith)) {
                    wanted.add(e);
                }
            }
            if (wanted.stream().noneMatch(e -> e.getName().startsWith("WEB-INF/lib/"))) {
                throw new ZipException(war + " has no WEB-INF/lib: it is not a Slipway war");
            }
            for (ZipEntry e : wanted) {
                Files.createDirectories(target(into, e.getName()).getParent());
            }
            // Two or more streams overlap the disk writes with reading the next entry.
            wanted.parallelStream().forEach(e -> copy(zip, e, target(into, e.getName())));
            return new Stats(wanted.size(), wanted.stream().mapToLong(ZipEntry::getSize).sum());
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static void copy(ZipFile zip, ZipEntry entry, Path to) {
        try (InputStream in = zip.getInputStream(entry)) {
            Files.copy(in, to);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Refuses names that could land outside the folder (zip slip), whatever the platform. */
    static void checkSafe(String name) throws ZipException {
        boolean bad = name.isEmpty() || name.startsWith("/") || name.indexOf('\\') >= 0 || name.indexOf('\0') >= 0
                || name.indexOf(':') >= 0 || Stream.of(name.split("/")).anyMatch(".."::equals);
        if (bad) {
            throw new ZipException("Refusing to unpack the war: entry '" + name + "' could write outside its folder. "
                    + "Rebuild slipway.war or download it again.");
        }
    }

    private static Path target(Path root, String name) {
        Path p = root.resolve(name).normalize();
        if (!p.startsWith(root)) {
            throw new UncheckedIOException(new ZipException("Refusing to unpack '" + name + "' outside " + root));
        }
        return p;
    }

    /** Deletes other, unused unpacked copies of the same war path; never fails the start. */
    private void sweep(String family, Path keep) {
        try (Stream<Path> siblings = Files.list(cacheRoot)) {
            for (Path p : siblings.filter(p -> p.getFileName().toString().startsWith(family) && !p.equals(keep)).toList()) {
                if (!isOurs(p)) {
                    continue;
                }
                if (p.getFileName().toString().startsWith(family + "tmp-")) {
                    if (Files.getLastModifiedTime(p).toInstant().isBefore(Instant.now().minus(ABANDONED))) {
                        deleteTree(p);
                    }
                } else {
                    deleteIfUnused(p);
                }
            }
        } catch (IOException | RuntimeException e) {
            log.info("Could not remove old unpacked copies next to " + keep + ": " + e.getMessage());
        }
    }

    /** Deletes the folder if no running server holds its lock; true when it is gone. */
    private static boolean deleteIfUnused(Path dir) throws IOException {
        Path lockFile = dir.resolve(LOCK);
        if (!Files.exists(lockFile)) {
            deleteTree(dir);
            return true;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.READ, StandardOpenOption.WRITE);
             FileLock lock = tryLock(channel)) {
            if (lock == null) {
                return false;
            }
            // The marker goes first, so a start that checks it under its lock sees the folder as incomplete.
            Files.deleteIfExists(dir.resolve(MARKER));
            deleteTree(dir);
            return true;
        }
    }

    /** The exclusive lock, or null while a server (in another JVM or this one) holds the folder. */
    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    /** Owned by this user and writable by nobody else; always true where POSIX attributes do not exist. */
    static boolean isOurs(Path dir) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(dir, PosixFileAttributeView.class);
        if (view == null) {
            return true;
        }
        Set<PosixFilePermission> perms = view.readAttributes().permissions();
        return view.getOwner().getName().equals(System.getProperty("user.name"))
                && !perms.contains(PosixFilePermission.GROUP_WRITE) && !perms.contains(PosixFilePermission.OTHERS_WRITE);
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static String hash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JDK lacks SHA-256", e);
        }
    }

    private record Stats(int files, long bytes) {
        @Override
        public String toString() {
            return files + " files (" + bytes / (1024 * 1024) + " MB)";
        }
    }

    /** An unpacked war in use: the shared lock keeps sweeps away until released (or the JVM exits). */
    record Unpacked(Path dir, FileLock lock) {
        UnpackedWar war() {
            return new UnpackedWar(dir);
        }

        void release() throws IOException {
            lock.channel().close();
        }
    }
}
