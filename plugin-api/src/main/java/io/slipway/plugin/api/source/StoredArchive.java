package io.slipway.plugin.api.source;

import java.util.Objects;

/**
 * What an {@link ArchiveReceiver} kept: the revision a deployment names it by and facts to show.
 *
 * <pre>{@code
 * return new StoredArchive("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", 48_213, "zip", 17);
 * }</pre>
 *
 * @param revision the archive's SHA-256, in lower-case hex
 * @param sizeBytes the archive's size as uploaded
 * @param format {@code zip}, {@code tar} or {@code tar.gz}
 * @param entries how many files and folders it unpacks to
 */
public record StoredArchive(String revision, long sizeBytes, String format, int entries) {
    public StoredArchive {
        Objects.requireNonNull(revision, "revision");
        Objects.requireNonNull(format, "format");
        if (sizeBytes < 0 || entries < 0) {
            throw new IllegalArgumentException("size and entries cannot be negative");
        }
    }
}
