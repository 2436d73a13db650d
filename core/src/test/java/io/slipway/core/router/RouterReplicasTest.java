package io.slipway.core.router;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.client.ContentResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** A release whose exposed service runs several replicas: the router takes them in turn. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RouterReplicasTest {
    private RouterTestSupport t;
    private TestBackend one;
    private TestBackend two;
    private TestBackend other;

    @BeforeAll
    void start() {
        t = RouterTestSupport.start();
        one = TestBackend.start("replica-1");
        two = TestBackend.start("replica-2");
        other = TestBackend.start("other");
    }

    @AfterAll
    void stop() {
        t.close();
        one.close();
        two.close();
        other.close();
    }

    @Test
    void spreadsRequestsOverEveryReplicaOfTheExposedService() {
        long id = t.app("replicated");
        String both = "127.0.0.1:" + one.port() + ",127.0.0.1:" + two.port();
        t.activate(id, "replicated", "production", 1, one.port(), Map.of("slipway.backends", both));
        assertEquals(Set.of("replica-1 /", "replica-2 /"), answers("replicated.localhost", 4));
    }

    @Test
    void spreadsRequestsOverEveryReplicaOfAFurtherService() {
        long id = t.app("stacked");
        t.activate(id, "stacked", "production", 2, other.port(), Map.of("slipway.route.api",
                "127.0.0.1:" + one.port() + ", 127.0.0.1:" + two.port() + ",not-a-port"));
        assertEquals(Set.of("replica-1 /", "replica-2 /"), answers("api.stacked.localhost", 4));
        assertEquals(Set.of("other /"), answers("stacked.localhost", 2));
    }

    @Test
    void switchingToASingleBackendReleaseDropsTheOldReplicas() {
        long id = t.app("shrunk");
        String both = "127.0.0.1:" + one.port() + ",127.0.0.1:" + two.port();
        t.activate(id, "shrunk", "production", 3, one.port(), Map.of("slipway.backends", both));
        t.activate(id, "shrunk", "production", 4, other.port());
        assertEquals(Set.of("other /"), answers("shrunk.localhost", 4));
    }

    private Set<String> answers(String host, int requests) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < requests; i++) {
            ContentResponse r = t.get(host, "/");
            assertEquals(200, r.getStatus(), r.getContentAsString());
            seen.add(r.getContentAsString());
        }
        return seen;
    }
}
