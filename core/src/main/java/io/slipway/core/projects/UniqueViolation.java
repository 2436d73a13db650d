package io.slipway.core.projects;

import java.sql.SQLException;

/**
 * Recognises a unique-constraint violation (SQLSTATE 23505 on H2 and PostgreSQL alike), so two
 * requests racing to create the same name end in 409 rather than 500.
 */
public final class UniqueViolation {
    private UniqueViolation() {
    }

    public static boolean isCauseOf(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && "23505".equals(s.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
