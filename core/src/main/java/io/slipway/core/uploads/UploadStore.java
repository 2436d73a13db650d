package io.slipway.core.uploads;

import io.slipway.core.projects.SqlTimes;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;

/** The {@code uploads} table: which archives an app has, newest first. */
final class UploadStore {
    private static final String SELECT = "SELECT a.name AS app, u.revision, u.size_bytes, u.format, u.entries, "
            + "u.file_name, u.uploaded_by, u.uploaded_at FROM uploads u JOIN apps a ON a.id = u.app_id ";

    private final Jdbi jdbi;

    UploadStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Records an upload; the same archive again becomes the newest. */
    void record(long appId, Upload u) {
        jdbi.useTransaction(h -> {
            int updated = h.createUpdate("UPDATE uploads SET uploaded_at = :at, uploaded_by = :by, file_name = :file "
                            + "WHERE app_id = :app AND revision = :rev")
                    .bind("at", SqlTimes.bind(u.uploadedAt())).bind("by", u.uploadedBy()).bind("file", u.fileName())
                    .bind("app", appId).bind("rev", u.revision()).execute();
            if (updated == 0) {
                h.createUpdate("INSERT INTO uploads (app_id, revision, size_bytes, format, entries, file_name, "
                                + "uploaded_by, uploaded_at) VALUES (:app, :rev, :size, :format, :entries, :file, :by, :at)")
                        .bind("app", appId).bind("rev", u.revision()).bind("size", u.sizeBytes())
                        .bind("format", u.format()).bind("entries", u.entries()).bind("file", u.fileName())
                        .bind("by", u.uploadedBy()).bind("at", SqlTimes.bind(u.uploadedAt())).execute();
            }
        });
    }

    List<Upload> list(long appId, int limit) {
        return jdbi.withHandle(h -> h.createQuery(SELECT + "WHERE u.app_id = :app ORDER BY u.uploaded_at DESC, u.revision")
                .bind("app", appId).setMaxRows(limit).map((rs, ctx) -> new Upload(rs.getString("app"),
                        rs.getString("revision"), rs.getLong("size_bytes"), rs.getString("format"), rs.getInt("entries"),
                        rs.getString("file_name"), rs.getString("uploaded_by"), SqlTimes.read(rs, "uploaded_at")))
                .list());
    }

    Optional<Upload> find(long appId, String revision) {
        return list(appId, Integer.MAX_VALUE).stream().filter(u -> u.revision().equals(revision)).findFirst();
    }

    /** Revisions (and refs) named by the app's newest {@code deployments} deployments, or by unfinished ones. */
    Set<String> revisionsInUse(long appId, int deployments) {
        return jdbi.withHandle(h -> {
            Set<String> out = new HashSet<>();
            h.createQuery("SELECT revision, ref FROM deployments WHERE app_id = :app ORDER BY id DESC")
                    .bind("app", appId).setMaxRows(deployments)
                    .map((rs, ctx) -> List.of(String.valueOf(rs.getString("revision")), String.valueOf(rs.getString("ref"))))
                    .forEach(out::addAll);
            h.createQuery("SELECT revision, ref FROM deployments WHERE app_id = :app AND phase NOT IN "
                            + "('ACTIVE', 'FAILED', 'CANCELLED', 'SUPERSEDED', 'ROLLED_BACK')")
                    .bind("app", appId)
                    .map((rs, ctx) -> List.of(String.valueOf(rs.getString("revision")), String.valueOf(rs.getString("ref"))))
                    .forEach(out::addAll);
            return out;
        });
    }

    void deleteAllBut(long appId, Set<String> keep) {
        jdbi.useHandle(h -> h.createQuery("SELECT revision FROM uploads WHERE app_id = :app").bind("app", appId)
                .mapTo(String.class).list().stream().filter(r -> !keep.contains(r)).forEach(r -> h
                        .createUpdate("DELETE FROM uploads WHERE app_id = :app AND revision = :rev")
                        .bind("app", appId).bind("rev", r).execute()));
    }
}
