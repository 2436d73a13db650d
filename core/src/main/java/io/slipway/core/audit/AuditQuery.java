package io.slipway.core.audit;

import io.slipway.core.InvalidInputException;
import io.slipway.plugin.api.config.FieldError;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A filter over the audit log, from {@code ?actor=&action=&outcome=&from=&to=}. {@code action}
 * ending in a dot matches a family ({@code plugin.} finds {@code plugin.install} and
 * {@code plugin.uninstall}); {@code from}/{@code to} are ISO-8601 instants or dates (UTC), {@code to}
 * exclusive.
 */
public record AuditQuery(Optional<String> actor, Optional<String> action, Optional<String> outcome,
                         Optional<Instant> from, Optional<Instant> to) {
    public static final Set<String> OUTCOMES = Set.of("success", "denied", "failure");
    public static final AuditQuery ALL = new AuditQuery(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty());

    public AuditQuery {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }

    /**
     * Reads the query parameters; blank ones are absent.
     *
     * @throws InvalidInputException naming each unusable parameter
     */
    public static AuditQuery parse(String actor, String action, String outcome, String from, String to) {
        List<FieldError> errors = new ArrayList<>();
        Optional<String> o = given(outcome);
        if (o.isPresent() && !OUTCOMES.contains(o.get())) {
            errors.add(new FieldError("outcome", "must be success, denied or failure"));
        }
        Optional<Instant> f = time("from", from, false, errors);
        Optional<Instant> t = time("to", to, true, errors);
        if (f.isPresent() && t.isPresent() && !f.get().isBefore(t.get())) {
            errors.add(new FieldError("to", "must be after from"));
        }
        given(actor).filter(a -> a.length() > 255).ifPresent(a -> errors.add(new FieldError("actor", "is too long")));
        given(action).filter(a -> a.length() > 120).ifPresent(a -> errors.add(new FieldError("action", "is too long")));
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new AuditQuery(given(actor), given(action), o, f, t);
    }

    private static Optional<String> given(String s) {
        return Optional.ofNullable(s).map(String::trim).filter(x -> !x.isEmpty());
    }

    private static Optional<Instant> time(String name, String value, boolean endOfDay, List<FieldError> errors) {
        Optional<String> v = given(value);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(v.get()));
        } catch (DateTimeParseException notInstant) {
            try {
                LocalDate day = LocalDate.parse(v.get());
                return Optional.of((endOfDay ? day.plusDays(1) : day).atStartOfDay().toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException notDate) {
                errors.add(new FieldError(name, "must be an ISO-8601 time (2026-01-31T12:00:00Z) or date (2026-01-31)"));
                return Optional.empty();
            }
        }
    }
}
