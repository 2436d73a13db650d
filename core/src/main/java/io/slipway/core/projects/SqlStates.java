package io.slipway.core.projects;

import java.sql.SQLException;

/**
 * Finds a SQLSTATE in an exception's causes; H2 and PostgreSQL use the same codes for constraints.
 * A failed batch carries the statement's own exception as the next or a suppressed one.
 */
final class SqlStates {
    private SqlStates() {
    }

    static boolean isCauseOf(Throwable e, String... states) {
        java.util.List<String> wanted = java.util.List.of(states);
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                for (SQLException n = s; n != null; n = n.getNextException()) {
                    if (wanted.contains(n.getSQLState())) {
                        return true;
                    }
                }
            }
            for (Throwable suppressed : t.getSuppressed()) {
                if (suppressed instanceof SQLException s && wanted.contains(s.getSQLState())) {
                    return true;
                }
            }
        }
        return false;
    }
}
