package io.slipway.core.notifications.internal;

import io.slipway.core.notifications.Delivery;
import io.slipway.core.projects.SqlTimes;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Deliveries to targets, kept in {@code deployment_notifications} beside the commit-status ones
 * (so the deployment page lists both), with the target's id and the event's name.
 */
public final class DeliveryLog {
    private final Jdbi jdbi;
    private final Clock clock;

    public DeliveryLog(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** A new delivery, {@code PENDING} with no attempt yet. */
    public long start(long targetId, String targetName, Optional<Long> deploymentId, String event, String phase) {
        return jdbi.withHandle(h -> h.createUpdate("INSERT INTO deployment_notifications (deployment_id, target_id, "
                        + "target, event, phase, status, attempts, updated_at) VALUES (:d, :t, :name, :e, :p, 'PENDING', "
                        + "0, :now)")
                .bind("d", deploymentId.orElse(null)).bind("t", targetId).bind("name", "target:" + targetName)
                .bind("e", event).bind("p", phase).bind("now", SqlTimes.bind(SqlTimes.now(clock)))
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
    }

    public void record(long id, String status, int attempts, Optional<String> error) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE deployment_notifications SET status = :s, attempts = :a, "
                        + "last_error = :e, updated_at = :now WHERE id = :id")
                .bind("s", status).bind("a", attempts).bind("e", error.orElse(null))
                .bind("now", SqlTimes.bind(SqlTimes.now(clock))).bind("id", id).execute());
    }

    /** A target's latest deliveries, newest first. */
    public List<Delivery> ofTarget(long targetId, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM deployment_notifications WHERE target_id = :t "
                        + "ORDER BY id DESC").bind("t", targetId).setMaxRows(limit).map(DeliveryLog::row).list());
    }

    /** A target's latest delivery that failed for good. */
    public Optional<Delivery> lastFailure(long targetId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM deployment_notifications WHERE target_id = :t "
                        + "AND status = 'FAILED' ORDER BY id DESC").bind("t", targetId).setMaxRows(1)
                .map(DeliveryLog::row).findFirst());
    }

    public Optional<Delivery> find(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM deployment_notifications WHERE id = :id")
                .bind("id", id).map(DeliveryLog::row).findOne());
    }

    private static Delivery row(java.sql.ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx)
            throws java.sql.SQLException {
        long d = rs.getLong("deployment_id");
        Optional<Long> deployment = rs.wasNull() ? Optional.empty() : Optional.of(d);
        return new Delivery(rs.getLong("id"), deployment, Optional.ofNullable(rs.getString("event")).orElse(""),
                rs.getString("phase"), rs.getString("status"), rs.getInt("attempts"),
                Optional.ofNullable(rs.getString("last_error")), SqlTimes.read(rs, "updated_at"));
    }
}
