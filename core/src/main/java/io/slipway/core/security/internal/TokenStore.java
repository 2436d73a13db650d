package io.slipway.core.security.internal;

import io.slipway.core.projects.SqlTimes;
import io.slipway.core.security.ApiToken;
import io.slipway.core.security.TokenScope;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** The {@code api_tokens} table; a token's value is stored only as its SHA-256. */
public final class TokenStore {
    private static final String COLUMNS = "t.id, t.user_id, t.name, t.scope, t.created_at, t.expires_at, t.last_used_at, t.revoked_at";
    private final Jdbi jdbi;

    public TokenStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public long insert(long userId, String name, String hash, TokenScope scope, Instant now, Optional<Instant> expiresAt) {
        return jdbi.withHandle(h -> h.createUpdate("INSERT INTO api_tokens (user_id, name, token_hash, scope, created_at, expires_at) "
                        + "VALUES (:user, :name, :hash, :scope, :now, :expires)")
                .bind("user", userId).bind("name", name).bind("hash", hash).bind("scope", scope.id())
                .bind("now", SqlTimes.bind(now)).bind("expires", expiresAt.map(SqlTimes::bind).orElse(null))
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
    }

    public Optional<ApiToken> findByHash(String hash) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM api_tokens t WHERE t.token_hash = :hash")
                .bind("hash", hash).map((rs, ctx) -> token(rs)).findOne());
    }

    public Optional<ApiToken> find(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM api_tokens t WHERE t.id = :id")
                .bind("id", id).map((rs, ctx) -> token(rs)).findOne());
    }

    public List<ApiToken> forUser(long userId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM api_tokens t WHERE t.user_id = :user ORDER BY t.id")
                .bind("user", userId).map((rs, ctx) -> token(rs)).list());
    }

    public void touch(long id, Instant now) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE api_tokens SET last_used_at = :now WHERE id = :id")
                .bind("now", SqlTimes.bind(now)).bind("id", id).execute());
    }

    public void revoke(long id, Instant now) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE api_tokens SET revoked_at = :now WHERE id = :id AND revoked_at IS NULL")
                .bind("now", SqlTimes.bind(now)).bind("id", id).execute());
    }

    private static ApiToken token(ResultSet rs) throws SQLException {
        return new ApiToken(rs.getLong("id"), rs.getLong("user_id"), rs.getString("name"),
                TokenScope.valueOf(rs.getString("scope").toUpperCase(Locale.ROOT)),
                Rows.time(rs, "created_at").orElseThrow(), Rows.time(rs, "expires_at"),
                Rows.time(rs, "last_used_at"), Rows.time(rs, "revoked_at"));
    }
}
