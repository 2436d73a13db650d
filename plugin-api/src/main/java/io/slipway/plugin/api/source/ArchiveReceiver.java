package io.slipway.plugin.api.source;

import java.util.Set;

/**
 * An optional capability of a {@link SourceProvider} whose source is an uploaded archive rather
 * than a repository. The core receives {@code POST /api/v1/apps/{app}/uploads}, streams the body to
 * a temporary file (size-capped) and hands it here; the extension checks that it is a safe,
 * non-empty archive and stores it by content, so that a later {@link SourceProvider#fetch} with
 * the returned revision (the archive's SHA-256) unpacks exactly these files again — for a
 * redeploy, a rollback or a plan.
 *
 * <p>The core deletes the temporary file afterwards, whatever happens; the extension copies or
 * moves what it keeps. A rejected archive must leave nothing behind.
 *
 * <pre>{@code
 * @Extension
 * public final class UploadSource implements SourceProvider, ArchiveReceiver {
 *     public StoredArchive receive(ArchiveUpload upload) {
 *         String sha = Sha256.of(upload.file());
 *         if (!Archives.isSafe(upload.file())) {
 *             throw new ArchiveRejectedException("The archive has an entry outside its folder: ../etc/passwd");
 *         }
 *         store.put(upload.appName(), sha, upload.file());
 *         return new StoredArchive(sha, Files.size(upload.file()), entries);
 *     }
 *     public void prune(String appName, Set<String> keep) {
 *         store.deleteAllBut(appName, keep);
 *     }
 *     ...
 * }
 * }</pre>
 */
public interface ArchiveReceiver {

    /**
     * Checks and stores an uploaded archive for an app.
     *
     * @return the revision to deploy (a content hash) and the archive's facts
     * @throws ArchiveRejectedException when the file is not an archive this extension accepts, is
     *         empty, or is unsafe to unpack; the uploader gets 400 with the message
     */
    StoredArchive receive(ArchiveUpload upload);

    /**
     * Deletes the app's stored archives whose revision is not in {@code keep} (the revisions its
     * retained deployments and newest upload refer to). Called after each upload, and with
     * {@code keep} empty when the app is deleted.
     */
    void prune(String appName, Set<String> keep);
}
