package io.slipway.core.security.internal;

import io.slipway.core.security.Role;
import io.slipway.core.security.User;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Optional;

/** Reads the security tables' columns the same way on H2 and PostgreSQL. */
final class Rows {
    static final String USER_COLUMNS = "u.id, u.username, u.password_hash, u.role, u.failed_logins, u.locked_until, u.created_at";

    private Rows() {
    }

    static Optional<Instant> time(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return Optional.ofNullable(t).map(OffsetDateTime::toInstant);
    }

    static StoredUser user(ResultSet rs) throws SQLException {
        String hash = rs.getString("password_hash");
        User user = new User(rs.getLong("id"), rs.getString("username"),
                Role.valueOf(rs.getString("role").toUpperCase(Locale.ROOT)), hash != null,
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
        return new StoredUser(user, Optional.ofNullable(hash), rs.getInt("failed_logins"), time(rs, "locked_until"));
    }
}
