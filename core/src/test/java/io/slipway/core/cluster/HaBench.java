package io.slipway.core.cluster;

import io.slipway.core.pipeline.PipelineTestSupport;
import io.slipway.core.testing.TestServer;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * bench/ha: leader failover time (median of {@code bench.failovers}) and queue throughput with
 * 1 and 2 servers on PostgreSQL with no-op extensions. JUnit-free; run by {@code bench/ha}.
 */
public final class HaBench {
    private HaBench() {
    }

    public static void main(String[] args) {
        try {
            run();
            System.exit(0);
        } catch (RuntimeException | Error e) {
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static void run() {
        int failovers = Integer.getInteger("bench.failovers", 5);
        int deployments = Integer.getInteger("bench.deployments", 100);
        List<Long> takeovers = new ArrayList<>();
        List<Long> crashes = new ArrayList<>();
        for (int i = 0; i < failovers; i++) {
            takeovers.add(failoverMillis(false));
            crashes.add(failoverMillis(true));
            System.out.printf(Locale.ROOT, "failover %d: leader stopped %d ms, leader's session lost %d ms%n", i + 1,
                    takeovers.get(i), crashes.get(i));
        }
        Collections.sort(takeovers);
        Collections.sort(crashes);
        long buildMillis = Long.getLong("bench.buildMillis", 100L);
        double one = throughput(1, deployments, 0);
        double two = throughput(2, deployments, 0);
        double oneSleeping = throughput(1, deployments / 2, buildMillis);
        double twoSleeping = throughput(2, deployments / 2, buildMillis);
        System.out.println();
        System.out.printf(Locale.ROOT, "leader failover (leader stopped -> other leads), median of %d: %d ms (min %d, max %d)%n",
                failovers, takeovers.get(takeovers.size() / 2), takeovers.get(0), takeovers.get(takeovers.size() - 1));
        System.out.printf(Locale.ROOT, "leader failover (leader's database session lost, as in a crash -> other leads), "
                + "median of %d: %d ms (min %d, max %d)%n", failovers, crashes.get(crashes.size() / 2), crashes.get(0),
                crashes.get(crashes.size() - 1));
        System.out.printf(Locale.ROOT, "queue throughput, %d no-op deployments, 2 workers per server:%n", deployments);
        System.out.printf(Locale.ROOT, "  1 server : %.1f deployments/s%n", one);
        System.out.printf(Locale.ROOT, "  2 servers: %.1f deployments/s%n", two);
        System.out.printf(Locale.ROOT, "  ratio 2/1: %.2f%n", two / one);
        System.out.printf(Locale.ROOT, "queue throughput, %d deployments whose build sleeps %d ms (workers, not CPU, "
                + "the limit):%n", deployments / 2, buildMillis);
        System.out.printf(Locale.ROOT, "  1 server : %.1f deployments/s%n", oneSleeping);
        System.out.printf(Locale.ROOT, "  2 servers: %.1f deployments/s%n", twoSleeping);
        System.out.printf(Locale.ROOT, "  ratio 2/1: %.2f%n", twoSleeping / oneSleeping);
    }

    /**
     * Two servers; the leader stops (its whole server, gracefully) or only loses its lock's
     * session (as when its process dies); milliseconds until the other leads.
     */
    static long failoverMillis(boolean sessionOnly) {
        try (ClusterFixture c = ClusterFixture.start(2)) {
            Cluster a = c.server(0).core().service(Cluster.class);
            Cluster b = c.server(1).core().service(Cluster.class);
            await(() -> a.isLeader() != b.isLeader());
            TestServer leader = a.isLeader() ? c.server(0) : c.server(1);
            Cluster follower = a.isLeader() ? b : a;
            long start = System.nanoTime();
            if (sessionOnly) {
                leader.core().service(Cluster.class).close();
            } else {
                leader.close();
            }
            await(follower::isLeader);
            return (System.nanoTime() - start) / 1_000_000;
        }
    }

    /** Deployments/s from the first queued to the last finished, as the database recorded them. */
    static double throughput(int servers, int deployments, long buildMillis) {
        try (ClusterFixture c = ClusterFixture.start(servers)) {
            for (int i = 0; i < deployments; i++) {
                c.app("app" + i, buildMillis > 0 ? Map.of("builder", "slow") : Map.of(), Map.of("builder", buildMillis));
            }
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < deployments; i++) {
                ids.add(c.deploy(c.server(i % servers), "app" + i));
            }
            for (long id : ids) {
                String phase = c.awaitFinal(c.server(0), id, Duration.ofMinutes(5)).get("phase").asText();
                if (!phase.equals("ACTIVE")) {
                    throw new IllegalStateException("deployment " + id + " ended " + phase);
                }
            }
            Jdbi jdbi = c.server(0).core().service(Jdbi.class);
            OffsetDateTime first = jdbi.withHandle(h -> h.createQuery("SELECT MIN(created_at) FROM deployments")
                    .mapTo(OffsetDateTime.class).one());
            OffsetDateTime last = jdbi.withHandle(h -> h.createQuery("SELECT MAX(finished_at) FROM deployments")
                    .mapTo(OffsetDateTime.class).one());
            long runners = jdbi.withHandle(h -> h.createQuery("SELECT COUNT(DISTINCT claimed_by) FROM deployments")
                    .mapTo(Long.class).one());
            double seconds = Duration.between(first, last).toMillis() / 1000.0;
            System.out.printf(Locale.ROOT, "throughput, %d server(s), build %d ms: %d deployments in %.2f s (run by %d "
                    + "server(s))%n", servers, buildMillis, deployments, seconds, runners);
            return deployments / seconds;
        }
    }

    private static void await(java.util.function.BooleanSupplier condition) {
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new IllegalStateException("no leader change within 30 s");
            }
            PipelineTestSupport.sleep(10);
        }
    }
}
