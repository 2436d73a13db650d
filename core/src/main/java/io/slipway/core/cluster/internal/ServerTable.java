package io.slipway.core.cluster.internal;

import io.slipway.core.cluster.ClusterMember;
import io.slipway.core.projects.SqlTimes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;

/** The {@code servers} table: one heartbeat row per running server. */
public final class ServerTable {
    private final Jdbi jdbi;

    public ServerTable(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    /** Writes this server's heartbeat (inserting its row the first time, or after it was pruned). */
    public void beat(String id, String host, Instant startedAt, Instant now, boolean leader) {
        jdbi.useTransaction(h -> {
            int rows = h.createUpdate("UPDATE servers SET heartbeat_at = :now, leader = :leader WHERE id = :id")
                    .bind("now", SqlTimes.bind(now)).bind("leader", leader).bind("id", id).execute();
            if (rows == 0) {
                h.createUpdate("INSERT INTO servers (id, host, started_at, heartbeat_at, leader) "
                                + "VALUES (:id, :host, :started, :now, :leader)")
                        .bind("id", id).bind("host", host).bind("started", SqlTimes.bind(startedAt))
                        .bind("now", SqlTimes.bind(now)).bind("leader", leader).execute();
            }
            if (leader) {
                // A dead leader cannot clear its own flag.
                h.createUpdate("UPDATE servers SET leader = FALSE WHERE id <> :id AND leader = TRUE")
                        .bind("id", id).execute();
            }
        });
    }

    /** Deletes rows of servers silent since before {@code before}. */
    public int forgetSilentSince(Instant before) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM servers WHERE heartbeat_at < :before")
                .bind("before", SqlTimes.bind(before)).execute());
    }

    public void remove(String id) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM servers WHERE id = :id").bind("id", id).execute());
    }

    /** Every known server, oldest first; alive when its heartbeat is within {@code aliveWithin} of {@code now}. */
    public List<ClusterMember> all(Instant now, Duration aliveWithin) {
        Instant aliveSince = now.minus(aliveWithin);
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM servers ORDER BY started_at, id")
                .map((rs, ctx) -> {
                    Instant beat = SqlTimes.read(rs, "heartbeat_at");
                    boolean alive = beat.isAfter(aliveSince);
                    return new ClusterMember(rs.getString("id"), rs.getString("host"), SqlTimes.read(rs, "started_at"),
                            beat, alive && rs.getBoolean("leader"), alive);
                }).list());
    }
}
