package io.slipway.core.audit;

import java.util.Map;
import java.util.Objects;

/**
 * One mutating action for the audit log. Never holds a secret's value.
 *
 * @param actor who did it ({@code user:alice}, {@code token:ci (alice)}, {@code anonymous}, {@code system})
 * @param action what was done, dotted ({@code login.failed}, {@code app.create}, {@code plugin.install})
 * @param target what it was done to ({@code app:web}); empty when none
 * @param ip where the request came from; empty for background work
 * @param outcome {@code success}, {@code denied} or {@code failure}
 * @param details extra facts (e.g. the plugin JAR's sha256); no secrets
 */
public record AuditEvent(String actor, String action, String target, String ip, String outcome,
                         Map<String, String> details) {
    public AuditEvent {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(ip, "ip");
        Objects.requireNonNull(outcome, "outcome");
        details = Map.copyOf(details);
    }
}
