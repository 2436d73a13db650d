package io.slipway.core.plugins.internal;

import io.slipway.core.http.BodySizeLimitFilter;
import io.slipway.core.plugins.PluginRejectedException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * An uploaded plugin JAR copied to a temporary file under SLIPWAY_HOME, with its SHA-256. The
 * client's file name is never used. Closing deletes the file unless it was moved into place.
 */
public final class StagedUpload implements AutoCloseable {
    private final Path file;
    private final String sha256;

    private StagedUpload(Path file, String sha256) {
        this.file = file;
        this.sha256 = sha256;
    }

    /** Copies {@code jar} into a new file in {@code stagingDir}, hashing it on the way. */
    public static StagedUpload stage(InputStream jar, Path stagingDir) {
        Path file;
        try {
            Files.createDirectories(stagingDir);
            file = Files.createTempFile(stagingDir, "upload-", ".part");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a staging file in " + stagingDir
                    + ": check SLIPWAY_HOME's permissions and free space", e);
        }
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(file), digest)) {
                jar.transferTo(out);
            }
            return new StagedUpload(file, HexFormat.of().formatHex(digest.digest()));
        } catch (IOException e) {
            deleteQuietly(file);
            if (BodySizeLimitFilter.BodyTooLargeException.isCauseOf(e)) {
                throw new UncheckedIOException(e); // answered 413 by the API's mappers
            }
            throw new PluginRejectedException("The upload broke off (" + e.getMessage() + "): upload the JAR again.");
        } catch (NoSuchAlgorithmException e) {
            deleteQuietly(file);
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        } catch (RuntimeException e) {
            deleteQuietly(file);
            throw e;
        }
    }

    /** Removes staging files a crash left behind. */
    public static void clean(Path stagingDir) {
        if (!Files.isDirectory(stagingDir)) {
            return;
        }
        try (var files = Files.newDirectoryStream(stagingDir, "upload-*.part")) {
            files.forEach(StagedUpload::deleteQuietly);
        } catch (IOException ignored) {
            // a stale staging file is harmless
        }
    }

    public Path file() {
        return file;
    }

    public String sha256() {
        return sha256;
    }

    @Override
    public void close() {
        deleteQuietly(file);
    }

    static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // best effort: a leftover temp file is harmless
        }
    }
}
