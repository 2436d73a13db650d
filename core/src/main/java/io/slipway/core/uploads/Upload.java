package io.slipway.core.uploads;

import java.time.Instant;
import java.util.Objects;

/**
 * A source archive uploaded for an app, as indexed by the core (the bytes live with the app's source
 * extension).
 *
 * @param revision the archive's SHA-256: what a deployment of it fetches
 * @param sizeBytes its size as uploaded
 * @param format {@code zip}, {@code tar} or {@code tar.gz}
 * @param entries how many files, folders and links it unpacks to
 * @param fileName the name the uploader gave it
 */
public record Upload(String app, String revision, long sizeBytes, String format, int entries, String fileName,
                     String uploadedBy, Instant uploadedAt) {
    public Upload {
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(revision, "revision");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(uploadedBy, "uploadedBy");
        Objects.requireNonNull(uploadedAt, "uploadedAt");
    }

    /** The first 12 characters of the hash, as pages show it. */
    public String shortRevision() {
        return revision.substring(0, Math.min(12, revision.length()));
    }
}
