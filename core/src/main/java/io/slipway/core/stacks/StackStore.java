package io.slipway.core.stacks;

import io.slipway.core.http.PageRequest;
import io.slipway.core.projects.SqlTimes;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** The {@code stacks} table (SQL both H2 and PostgreSQL accept). */
final class StackStore {
    private static final String SELECT = "SELECT s.id, s.app_id, a.name, s.created_by, s.created_at FROM stacks s "
            + "JOIN apps a ON a.id = s.app_id";

    private final Jdbi jdbi;

    StackStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    long insert(String app, String createdBy, Instant now) {
        return jdbi.withHandle(h -> h.createUpdate("INSERT INTO stacks (app_id, created_by, created_at) "
                        + "SELECT id, :by, :now FROM apps WHERE name = :app")
                .bind("app", app).bind("by", createdBy).bind("now", SqlTimes.bind(now))
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
    }

    Optional<StackRow> find(long id) {
        return jdbi.withHandle(h -> h.createQuery(SELECT + " WHERE s.id = :id").bind("id", id)
                .map((rs, ctx) -> row(rs)).findOne());
    }

    Optional<StackRow> findByApp(String app) {
        return jdbi.withHandle(h -> h.createQuery(SELECT + " WHERE a.name = :app").bind("app", app)
                .map((rs, ctx) -> row(rs)).findOne());
    }

    List<StackRow> list(PageRequest page) {
        long after = page.after().map(StackStore::parseId).orElse(0L);
        return jdbi.withHandle(h -> h.createQuery(SELECT + " WHERE s.id > :after ORDER BY s.id")
                .bind("after", after).setMaxRows(page.fetchSize()).map((rs, ctx) -> row(rs)).list());
    }

    void delete(Handle h, long id) {
        h.createUpdate("DELETE FROM stacks WHERE id = :id").bind("id", id).execute();
    }

    void delete(long id) {
        jdbi.useHandle(h -> delete(h, id));
    }

    private static long parseId(String key) {
        try {
            return Long.parseLong(key);
        } catch (NumberFormatException e) {
            return 0L;
        }
    }

    private static StackRow row(ResultSet rs) throws SQLException {
        return new StackRow(rs.getLong("id"), rs.getLong("app_id"), rs.getString("name"), rs.getString("created_by"),
                SqlTimes.read(rs, "created_at"));
    }
}
