package io.slipway.core.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.slipway.core.testing.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/** Two servers on one PostgreSQL database share the deployment queue. */
class SharedQueueTest {
    private static final int DEPLOYMENTS = 50;

    @Test
    void twoServersRunFiftyDeploymentsEachExactlyOnce() {
        try (ClusterFixture c = ClusterFixture.start(2)) {
            for (int i = 0; i < DEPLOYMENTS; i++) {
                c.app("app" + i, Map.of("builder", "slow"), Map.of("builder", 40L));
            }
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < DEPLOYMENTS; i++) {
                // Queued through both servers alternately.
                ids.add(c.deploy(c.server(i % 2), "app" + i));
            }
            for (long id : ids) {
                JsonNode d = c.awaitFinal(c.server(0), id, Duration.ofSeconds(120));
                assertEquals("ACTIVE", d.get("phase").asText(), d.toString());
            }
            for (long id : ids) {
                Map<String, Integer> starts = c.starts(id);
                assertEquals(Map.of("FETCHING_SOURCE", 1, "BUILDING", 1, "DEPLOYING", 1, "HEALTH_CHECKING", 1),
                        starts, "deployment " + id + " ran a phase more or less than once");
            }
            Jdbi jdbi = c.server(0).core().service(Jdbi.class);
            Set<String> runners = new HashSet<>(jdbi.withHandle(h -> h.createQuery(
                    "SELECT DISTINCT claimed_by FROM deployments").mapTo(String.class).list()));
            assertEquals(2, runners.size(), "both servers should have run deployments: " + runners);
            long unfinished = jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM deployments WHERE finished_at IS NULL")
                    .mapTo(Long.class).one());
            assertEquals(0, unfinished);
            assertTrue(ids.size() == DEPLOYMENTS);
        }
    }

    @Test
    void serversSeeEachOthersDeployments() {
        try (ClusterFixture c = ClusterFixture.start(2)) {
            c.app("web", Map.of(), Map.of());
            long id = c.deploy(c.server(1), "web");
            TestServer other = c.server(0);
            assertEquals("ACTIVE", c.awaitFinal(other, id, Duration.ofSeconds(30)).get("phase").asText());
        }
    }
}
