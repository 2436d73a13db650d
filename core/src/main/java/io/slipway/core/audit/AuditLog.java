package io.slipway.core.audit;

import java.util.Objects;

/** Where every mutating action is recorded (who, what, when, from where, outcome). */
public final class AuditLog {

    public AuditLog() {
    }

    /** Records one event; never throws for a storage failure (it is logged instead). */
    public void record(AuditEvent event) {
        Objects.requireNonNull(event, "event");
        // STUB: the audit helper replaces this with the persisted implementation.
    }
}
