package io.slipway.core.cluster;

import java.time.Instant;
import java.util.Objects;

/**
 * One Slipway server sharing the database, as its heartbeat row says.
 *
 * @param id the server's id (new at every start)
 * @param host host name and process id, for operators
 * @param startedAt when it started
 * @param heartbeatAt its last heartbeat
 * @param leader whether it holds the leader lock (reconciliation, scheduled jobs)
 * @param alive whether its heartbeat is recent enough to believe it runs
 */
public record ClusterMember(String id, String host, Instant startedAt, Instant heartbeatAt, boolean leader,
                            boolean alive) {
    public ClusterMember {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(heartbeatAt, "heartbeatAt");
    }
}
