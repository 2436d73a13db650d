package io.slipway.core.projects;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Times in and out of {@code TIMESTAMP WITH TIME ZONE} columns the same way on H2 and PostgreSQL:
 * bound and read as {@link OffsetDateTime} in UTC, kept to microseconds (what both store).
 */
public final class SqlTimes {
    private SqlTimes() {
    }

    /** Now, at the precision the database keeps, so stored and returned times agree. */
    public static Instant now(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    public static OffsetDateTime bind(Instant t) {
        return OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
    }

    public static Instant read(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }
}
