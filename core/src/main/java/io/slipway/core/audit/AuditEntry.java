package io.slipway.core.audit;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/** A recorded {@link AuditEvent}: what the API and the audit page show. */
public record AuditEntry(long id, Instant at, String actor, String action, String target, String ip, String outcome,
                         Map<String, String> details) {
    public AuditEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(ip, "ip");
        Objects.requireNonNull(outcome, "outcome");
        details = Map.copyOf(details);
    }
}
