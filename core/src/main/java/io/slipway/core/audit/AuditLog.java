package io.slipway.core.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slipway.core.http.Page;
import io.slipway.core.http.PageRequest;
import io.slipway.core.projects.SqlTimes;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where every mutating action is recorded (who, what, when, from where, outcome), in the
 * {@code audit_events} table. Mutating HTTP requests are recorded by {@link AuditFilter}; code
 * that acts outside a request (logins, background work) calls {@link #record} itself.
 *
 * <pre>{@code
 * audit.record(new AuditEvent("user:alice", "login", "user:alice", "10.0.0.7", "success", Map.of()));
 * }</pre>
 */
public final class AuditLog {
    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> DETAILS = new TypeReference<>() {
    };

    private final Jdbi jdbi;
    private final Clock clock;

    public AuditLog(Jdbi jdbi, Clock clock) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Records one event; never throws for a storage failure (it is logged instead). */
    public void record(AuditEvent event) {
        Objects.requireNonNull(event, "event");
        try {
            String details = JSON.writeValueAsString(event.details());
            jdbi.useHandle(h -> h.createUpdate("INSERT INTO audit_events (at, actor, action, target, ip, outcome, "
                            + "details_json) VALUES (:at, :actor, :action, :target, :ip, :outcome, :details)")
                    .bind("at", SqlTimes.bind(SqlTimes.now(clock)))
                    .bind("actor", cut(event.actor(), 255)).bind("action", cut(event.action(), 120))
                    .bind("target", cut(event.target(), 500)).bind("ip", cut(event.ip(), 64))
                    .bind("outcome", cut(event.outcome(), 16)).bind("details", details)
                    .execute());
        } catch (JsonProcessingException | RuntimeException e) {
            // An action that happened must not fail because its record could not be kept.
            LOG.error("Could not record audit event {} {} by {}: {}", event.action(), event.target(), event.actor(),
                    e.toString());
        }
    }

    /** Recorded events matching {@code query}, newest first. */
    public Page<AuditEntry> list(AuditQuery query, PageRequest page) {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(page, "page");
        StringBuilder sql = new StringBuilder("SELECT * FROM audit_events WHERE 1 = 1");
        query.actor().ifPresent(a -> sql.append(" AND actor = :actor"));
        query.action().ifPresent(a -> sql.append(a.endsWith(".") ? " AND action LIKE :action" : " AND action = :action"));
        query.outcome().ifPresent(o -> sql.append(" AND outcome = :outcome"));
        query.from().ifPresent(f -> sql.append(" AND at >= :from"));
        query.to().ifPresent(t -> sql.append(" AND at < :to"));
        page.after().ifPresent(a -> sql.append(" AND id < :after"));
        sql.append(" ORDER BY id DESC");
        long after = page.after().map(AuditLog::cursorId).orElse(0L);
        List<AuditEntry> rows = jdbi.withHandle(h -> {
            Query q = h.createQuery(sql.toString());
            query.actor().ifPresent(a -> q.bind("actor", a));
            query.action().ifPresent(a -> q.bind("action", a.endsWith(".") ? a + "%" : a));
            query.outcome().ifPresent(o -> q.bind("outcome", o));
            query.from().ifPresent(f -> q.bind("from", SqlTimes.bind(f)));
            query.to().ifPresent(t -> q.bind("to", SqlTimes.bind(t)));
            page.after().ifPresent(a -> q.bind("after", after));
            return q.setMaxRows(page.fetchSize()).map(AuditLog::row).list();
        });
        return Page.of(rows, page, e -> Long.toString(e.id()));
    }

    private static long cursorId(String key) {
        try {
            return Long.parseLong(key);
        } catch (NumberFormatException e) {
            throw io.slipway.core.InvalidInputException.field("cursor",
                    "is not a cursor of the audit log; use the nextCursor of the previous page");
        }
    }

    private static AuditEntry row(ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx) throws SQLException {
        Map<String, String> details;
        try {
            details = JSON.readValue(rs.getString("details_json"), DETAILS);
        } catch (JsonProcessingException e) {
            details = Map.of();
        }
        return new AuditEntry(rs.getLong("id"), SqlTimes.read(rs, "at"), rs.getString("actor"), rs.getString("action"),
                rs.getString("target"), rs.getString("ip"), rs.getString("outcome"), details);
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
