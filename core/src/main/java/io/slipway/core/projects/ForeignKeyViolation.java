package io.slipway.core.projects;

/**
 * Recognises a foreign-key violation: a row named something another transaction deleted
 * meanwhile, such as an app deleted on another server. PostgreSQL answers SQLSTATE 23503; H2
 * answers 23506 for a missing parent row (and 23503 for a parent row still referenced).
 */
public final class ForeignKeyViolation {
    private ForeignKeyViolation() {
    }

    public static boolean isCauseOf(Throwable e) {
        return SqlStates.isCauseOf(e, "23503", "23506");
    }
}
