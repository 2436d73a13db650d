package io.slipway.core.projects;

/**
 * Recognises a unique-constraint violation (SQLSTATE 23505 on H2 and PostgreSQL alike), so two
 * requests racing to create the same name end in 409 rather than 500.
 */
public final class UniqueViolation {
    private UniqueViolation() {
    }

    public static boolean isCauseOf(Throwable e) {
        return SqlStates.isCauseOf(e, "23505");
    }
}
