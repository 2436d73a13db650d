package io.slipway.core.security.internal;

import io.slipway.core.projects.SqlTimes;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * The {@code sessions} table: keyed by the SHA-256 of the cookie's value, so a leaked database
 * does not hand out sessions, and shared by every server on the same database.
 */
public final class SessionStore {
    private final Jdbi jdbi;

    /** A live session row joined with its user. */
    public record Row(StoredUser user, String csrfToken, Instant lastSeenAt, Instant expiresAt) {
    }

    public SessionStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public void insert(String idHash, long userId, String csrfToken, Instant now, Instant expiresAt) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, last_seen_at, expires_at) "
                        + "VALUES (:id, :user, :csrf, :now, :now, :expires)")
                .bind("id", idHash).bind("user", userId).bind("csrf", csrfToken)
                .bind("now", SqlTimes.bind(now)).bind("expires", SqlTimes.bind(expiresAt)).execute());
    }

    public Optional<Row> find(String idHash) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + Rows.USER_COLUMNS
                        + ", s.csrf_token, s.last_seen_at, s.expires_at FROM sessions s JOIN users u ON u.id = s.user_id "
                        + "WHERE s.id_hash = :id")
                .bind("id", idHash)
                .map((rs, ctx) -> new Row(Rows.user(rs), rs.getString("csrf_token"),
                        Rows.time(rs, "last_seen_at").orElseThrow(), Rows.time(rs, "expires_at").orElseThrow()))
                .findOne());
    }

    public void touch(String idHash, Instant now) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE sessions SET last_seen_at = :now WHERE id_hash = :id")
                .bind("now", SqlTimes.bind(now)).bind("id", idHash).execute());
    }

    public void delete(String idHash) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM sessions WHERE id_hash = :id").bind("id", idHash).execute());
    }

    public void deleteForUser(long userId) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM sessions WHERE user_id = :user").bind("user", userId).execute());
    }

    /** Removes sessions past their absolute expiry or idle for longer than {@code idleBefore}. */
    public int deleteExpired(Instant now, Instant idleBefore) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM sessions WHERE expires_at < :now OR last_seen_at < :idle")
                .bind("now", SqlTimes.bind(now)).bind("idle", SqlTimes.bind(idleBefore)).execute());
    }
}
