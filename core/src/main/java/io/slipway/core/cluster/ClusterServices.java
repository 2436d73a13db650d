package io.slipway.core.cluster;

import io.slipway.core.cluster.internal.LeaderLock;
import io.slipway.core.cluster.internal.PostgresAdvisoryLock;
import io.slipway.core.cluster.internal.ServerTable;
import io.slipway.core.cluster.internal.SingleServerLock;
import io.slipway.core.config.SlipwayConfig;
import io.slipway.core.persistence.Database;
import java.time.Clock;

/** Wiring of the cluster feature for the composition root. */
public final class ClusterServices {
    private ClusterServices() {
    }

    /** Starts this server's heartbeat and leader election; the caller closes the result. */
    public static Cluster start(SlipwayConfig config, Database database, Clock clock) {
        LeaderLock lock = database.isPostgres()
                ? new PostgresAdvisoryLock(config.dbUrl(), config.dbUser(), config.dbPassword())
                : new SingleServerLock();
        return new Cluster(new ServerTable(database.jdbi()), lock, ClusterSettings.fromSystemProperties(), clock).start();
    }
}
