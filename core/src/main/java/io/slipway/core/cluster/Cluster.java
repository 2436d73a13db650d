package io.slipway.core.cluster;

import io.slipway.core.cluster.internal.LeaderLock;
import io.slipway.core.cluster.internal.ServerTable;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This server's place among the Slipway servers sharing the database: it beats its heart in
 * the {@code servers} table and, through a {@link LeaderLock}, is or is not the leader, the one
 * server that runs reconciliation and scheduled jobs. Other services ask {@link #isLeader()}
 * before such work.
 *
 * <pre>{@code
 * if (cluster.isLeader()) {
 *     removeOrphans();
 * }
 * }</pre>
 */
public final class Cluster implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Cluster.class);

    private final String id = UUID.randomUUID().toString();
    private final String host = describeHost();
    private final ServerTable table;
    private final LeaderLock lock;
    private final ClusterSettings settings;
    private final Clock clock;
    private final Instant startedAt;
    private final ScheduledExecutorService beats;
    private volatile boolean leader;
    private volatile boolean closed;

    public Cluster(ServerTable table, LeaderLock lock, ClusterSettings settings, Clock clock) {
        this.table = Objects.requireNonNull(table, "table");
        this.lock = Objects.requireNonNull(lock, "lock");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.startedAt = clock.instant();
        this.beats = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "slipway-cluster-heartbeat");
            t.setDaemon(true);
            return t;
        });
    }

    /** Beats once now (so a single server leads from its first request on), then every heartbeat. */
    public Cluster start() {
        beat();
        long every = settings.heartbeat().toMillis();
        beats.scheduleWithFixedDelay(this::beat, every, every, TimeUnit.MILLISECONDS);
        return this;
    }

    public String serverId() {
        return id;
    }

    /** Whether this server leads now. */
    public boolean isLeader() {
        return leader && !closed;
    }

    /** Every server that beat its heart recently enough to be remembered, oldest first. */
    public List<ClusterMember> members() {
        return table.all(clock.instant(), settings.aliveWithin());
    }

    /** The leading server, if one is alive. */
    public Optional<ClusterMember> leaderMember() {
        return members().stream().filter(ClusterMember::leader).findFirst();
    }

    private void beat() {
        if (closed) {
            return;
        }
        boolean now = lock.holdOrAcquire();
        if (now != leader) {
            LOG.info(now ? "This server ({}) is now the leader" : "This server ({}) is no longer the leader", id);
        }
        leader = now;
        try {
            Instant at = clock.instant();
            table.beat(id, host, startedAt, at, now);
            if (now) {
                table.forgetSilentSince(at.minus(settings.forgetAfter()));
            }
        } catch (RuntimeException e) {
            LOG.warn("Writing this server's heartbeat failed; retrying: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        closed = true;
        beats.shutdownNow();
        try {
            beats.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        lock.close();
        leader = false;
        try {
            table.remove(id);
        } catch (RuntimeException e) {
            LOG.debug("Removing this server's heartbeat row failed", e);
        }
    }

    private static String describeHost() {
        String name;
        try {
            name = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            name = "unknown-host";
        }
        return name + " (pid " + ProcessHandle.current().pid() + ")";
    }
}
