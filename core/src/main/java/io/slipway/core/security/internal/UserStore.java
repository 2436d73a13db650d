package io.slipway.core.security.internal;

import io.slipway.core.projects.SqlTimes;
import io.slipway.core.security.Role;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** The {@code users} table. */
public final class UserStore {
    private final Jdbi jdbi;

    public UserStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public long count() {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM users").mapTo(Long.class).one());
    }

    public long countWithPassword() {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM users WHERE password_hash IS NOT NULL")
                .mapTo(Long.class).one());
    }

    /** Inserts a user; a taken name surfaces as Jdbi's exception (the caller checks first). */
    public long insert(String username, Optional<String> passwordHash, Role role, Instant now) {
        return jdbi.withHandle(h -> h.createUpdate("INSERT INTO users (username, password_hash, role, failed_logins, created_at) "
                        + "VALUES (:username, :hash, :role, 0, :now)")
                .bind("username", username)
                .bind("hash", passwordHash.orElse(null))
                .bind("role", role.id())
                .bind("now", SqlTimes.bind(now))
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
    }

    public Optional<StoredUser> find(String username) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + Rows.USER_COLUMNS + " FROM users u WHERE u.username = :username")
                .bind("username", username).map((rs, ctx) -> Rows.user(rs)).findOne());
    }

    public Optional<StoredUser> find(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + Rows.USER_COLUMNS + " FROM users u WHERE u.id = :id")
                .bind("id", id).map((rs, ctx) -> Rows.user(rs)).findOne());
    }

    public List<StoredUser> list() {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + Rows.USER_COLUMNS + " FROM users u ORDER BY u.username")
                .map((rs, ctx) -> Rows.user(rs)).list());
    }

    public void setPassword(long id, String hash) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE users SET password_hash = :hash, failed_logins = 0, locked_until = NULL WHERE id = :id")
                .bind("hash", hash).bind("id", id).execute());
    }

    public void setRole(long id, Role role) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE users SET role = :role WHERE id = :id")
                .bind("role", role.id()).bind("id", id).execute());
    }

    public void delete(long id) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM users WHERE id = :id").bind("id", id).execute());
    }

    /** Counts one more failed login; {@code lockUntil} present locks the account and restarts the count. */
    public void recordFailure(long id, Optional<Instant> lockUntil) {
        if (lockUntil.isPresent()) {
            jdbi.useHandle(h -> h.createUpdate("UPDATE users SET failed_logins = 0, locked_until = :until WHERE id = :id")
                    .bind("until", SqlTimes.bind(lockUntil.get())).bind("id", id).execute());
        } else {
            jdbi.useHandle(h -> h.createUpdate("UPDATE users SET failed_logins = failed_logins + 1 WHERE id = :id")
                    .bind("id", id).execute());
        }
    }

    public void resetFailures(long id) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = :id "
                + "AND (failed_logins <> 0 OR locked_until IS NOT NULL)").bind("id", id).execute());
    }
}
