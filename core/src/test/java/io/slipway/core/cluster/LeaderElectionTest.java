package io.slipway.core.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.core.pipeline.PipelineTestSupport;
import io.slipway.core.testing.TestServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One leader among the servers on a database; another takes over when it goes. */
class LeaderElectionTest {
    @Test
    void theOnlyServerOnH2Leads() {
        try (TestServer s = TestServer.start()) {
            Cluster cluster = s.core().service(Cluster.class);
            assertTrue(cluster.isLeader());
            List<ClusterMember> members = cluster.members();
            assertEquals(1, members.size());
            assertTrue(members.get(0).leader() && members.get(0).alive());
        }
    }

    @Test
    void anotherServerLeadsWithinTenSecondsOfTheLeaderStopping() {
        try (ClusterFixture c = ClusterFixture.start(2)) {
            Cluster a = c.server(0).core().service(Cluster.class);
            Cluster b = c.server(1).core().service(Cluster.class);
            awaitTrue(() -> a.isLeader() != b.isLeader(), Duration.ofSeconds(10), "exactly one leader");
            TestServer leader = a.isLeader() ? c.server(0) : c.server(1);
            Cluster follower = a.isLeader() ? b : a;
            assertEquals(2, follower.members().stream().filter(ClusterMember::alive).count());
            assertEquals(1, follower.members().stream().filter(ClusterMember::leader).count());

            long stopped = System.nanoTime();
            leader.close();
            awaitTrue(follower::isLeader, Duration.ofSeconds(10), "the follower should lead within 10 s");
            long tookMillis = (System.nanoTime() - stopped) / 1_000_000;
            assertTrue(tookMillis < 10_000, "took " + tookMillis + " ms");
            awaitTrue(() -> follower.leaderMember().map(m -> m.id().equals(follower.serverId())).orElse(false),
                    Duration.ofSeconds(5), "the servers table names the new leader");
        }
    }

    @Test
    void statusPageListsServersAndTheLeader() {
        try (ClusterFixture c = ClusterFixture.start(2)) {
            Cluster a = c.server(0).core().service(Cluster.class);
            Cluster b = c.server(1).core().service(Cluster.class);
            awaitTrue(() -> a.isLeader() != b.isLeader(), Duration.ofSeconds(10), "exactly one leader");
            String page = c.server(0).get("/status").body();
            assertTrue(page.contains(a.serverId()) && page.contains(b.serverId()), page);
            assertTrue(page.contains("leader"), page);
            assertFalse(page.contains("No server leads"), page);
        }
    }

    static void awaitTrue(java.util.function.BooleanSupplier condition, Duration limit, String what) {
        long until = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError(what + " (waited " + limit + ")");
            }
            PipelineTestSupport.sleep(20);
        }
    }
}
