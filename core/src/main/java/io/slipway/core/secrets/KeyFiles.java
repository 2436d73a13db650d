package io.slipway.core.secrets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The secrets' key as a file: base64 of 32 bytes, created with mode 600 from the first byte (never
 * readable by others, not even briefly) and put in place by an atomic rename, so a crash leaves the
 * old file or the new one, never half of one.
 */
public final class KeyFiles {
    private static final Logger LOG = LoggerFactory.getLogger(KeyFiles.class);
    static final int KEY_BYTES = 32;
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private KeyFiles() {
    }

    public static SecretKey generate() {
        try {
            KeyGenerator gen = KeyGenerator.getInstance("AES");
            gen.init(KEY_BYTES * 8);
            return gen.generateKey();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES is not available in this JVM", e);
        }
    }

    /** The key in {@code base64}, when it is the base64 of exactly 32 bytes. */
    public static Optional<SecretKey> decode(String base64) {
        try {
            byte[] raw = Base64.getDecoder().decode(base64.trim());
            return raw.length == KEY_BYTES ? Optional.of(new SecretKeySpec(raw, "AES")) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public static String encode(SecretKey key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    /** Reads a key file; one others can read is made owner-only first (and said so in the log). */
    public static SecretKey read(Path file) throws IOException {
        if (isPosix(file)) {
            Set<PosixFilePermission> now = Files.getPosixFilePermissions(file);
            if (!OWNER_ONLY.containsAll(now)) {
                LOG.warn("The secret key {} was readable by others ({}); made it readable by its owner only",
                        file, PosixFilePermissions.toString(now));
                Files.setPosixFilePermissions(file, OWNER_ONLY);
            }
        }
        return decode(Files.readString(file, StandardCharsets.US_ASCII)).orElseThrow(() -> new IllegalStateException(
                "The secret key " + file + " is not the base64 of 32 bytes: restore it from a backup"));
    }

    /** Writes {@code key} to {@code file} (mode 600), replacing it atomically. */
    public static void write(Path file, SecretKey key) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = dir.resolve(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        FileAttribute<?>[] attrs = isPosix(dir)
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)} : new FileAttribute<?>[0];
        Files.createFile(tmp, attrs);
        Files.write(tmp, encode(key).getBytes(StandardCharsets.US_ASCII), StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.SYNC);
        move(tmp, file);
    }

    /** Renames atomically where the file system can (it can on every local POSIX one). */
    static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static boolean isPosix(Path p) {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                && p.getFileSystem().equals(FileSystems.getDefault());
    }
}
