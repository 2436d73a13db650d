package io.slipway.core.pipeline.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.core.persistence.Database;
import io.slipway.core.pipeline.internal.DeploymentTransitions.Change;
import io.slipway.core.testing.TestServer;
import io.slipway.plugin.api.notify.DeploymentPhase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeploymentTransitionsTest {
    @TempDir
    Path home;
    private Database db;
    private Jdbi jdbi;
    private DeploymentTransitions transitions;
    private DeploymentStore store;
    private long appId;

    @BeforeEach
    void open() {
        db = Database.open(TestServer.config(home, 1024));
        jdbi = db.jdbi();
        transitions = new DeploymentTransitions(jdbi, Clock.systemUTC());
        store = new DeploymentStore(jdbi);
        var now = Instant.now().atOffset(java.time.ZoneOffset.UTC);
        appId = jdbi.withHandle(h -> {
            long p = h.createUpdate("INSERT INTO projects (name, created_at) VALUES ('p', :now)").bind("now", now)
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            return h.createUpdate("INSERT INTO apps (project_id, name, created_at, updated_at) VALUES (:p, 'web', :now, :now)")
                    .bind("p", p).bind("now", now).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
        });
    }

    @AfterEach
    void close() {
        db.close();
    }

    private long queued() {
        return store.insert(new DeploymentStore.NewDeployment(appId, "production", "manual", "test", Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty()), Instant.now());
    }

    @Test
    void refusesToLeaveAFinalPhase() {
        long id = queued();
        transitions.transitionTo(id, Change.of(DeploymentPhase.QUEUED, DeploymentPhase.CANCELLED)).orElseThrow();
        assertThrows(IllegalStateException.class,
                () -> transitions.transitionTo(id, Change.of(DeploymentPhase.CANCELLED, DeploymentPhase.FETCHING_SOURCE)));
        assertTrue(transitions.transitionTo(id, Change.of(DeploymentPhase.QUEUED, DeploymentPhase.FETCHING_SOURCE))
                .isEmpty(), "a stale 'from' does not move a final deployment");
        assertEquals(DeploymentPhase.CANCELLED, store.find(id).orElseThrow().phase());
    }

    @Test
    void recordsProgressTimestampsAndPhaseRunsBeforeThePhaseStarts() {
        long id = queued();
        var d = transitions.transitionTo(id, Change.of(DeploymentPhase.QUEUED, DeploymentPhase.FETCHING_SOURCE)).orElseThrow();
        assertEquals(5, d.progress());
        assertTrue(d.startedAt().isPresent());
        assertTrue(d.phaseStartedAt().isPresent());
        d = transitions.transitionTo(id, Change.failure(DeploymentPhase.FETCHING_SOURCE, DeploymentPhase.FAILED, "boom"))
                .orElseThrow();
        assertEquals(5, d.progress(), "a failure keeps the progress reached");
        assertEquals("boom", d.error().orElseThrow());
        assertTrue(d.finishedAt().isPresent());
        assertEquals(List.of(DeploymentPhase.FETCHING_SOURCE, DeploymentPhase.FAILED),
                store.phaseTimings(id).stream().map(t -> t.phase()).toList());
    }

    @Test
    void onlyOneOfManyConcurrentClaimsWins() throws Exception {
        for (int round = 0; round < 20; round++) {
            long id = queued();
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Callable<Boolean>> claims = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String server = "server-" + i;
                claims.add(() -> transitions.transitionTo(id, Change.of(DeploymentPhase.QUEUED,
                        DeploymentPhase.FETCHING_SOURCE).claimedBy(server, h -> true)).isPresent());
            }
            int won = 0;
            for (Future<Boolean> f : pool.invokeAll(claims)) {
                won += f.get() ? 1 : 0;
            }
            pool.shutdown();
            assertEquals(1, won, "round " + round);
            transitions.transitionTo(id, Change.of(DeploymentPhase.FETCHING_SOURCE, DeploymentPhase.CANCELLED));
        }
    }
}
