package io.slipway.core.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.core.projects.UniqueViolation;
import io.slipway.core.testing.TestPostgres;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.h2.jdbcx.JdbcDataSource;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GroupCommitTest {
    private Jdbi jdbi;
    private GroupCommit writes;

    @BeforeEach
    void createTable() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        jdbi = Jdbi.create(h2);
        jdbi.useHandle(h -> h.execute("CREATE TABLE claims (k VARCHAR(64) PRIMARY KEY, n INT)"));
        writes = new GroupCommit(jdbi, "test", 64);
    }

    @AfterEach
    void close() {
        writes.close();
    }

    @Test
    void everyUnitOfConcurrentCallersIsCommittedAndAnswered() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(32);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                int n = i;
                answers.add(callers.submit(() -> writes.run(h -> h.createUpdate("INSERT INTO claims VALUES (:k, :n)")
                        .bind("k", "key-" + n).bind("n", n).execute() + n)));
            }
            for (int i = 0; i < answers.size(); i++) {
                assertEquals(i + 1, answers.get(i).get());
            }
        } finally {
            callers.shutdownNow();
        }
        assertEquals(500, count());
    }

    @Test
    void aFinisherRunsOncePerKeyForItsWholeGroupAndOneCallerOwnsItsResult() throws Exception {
        jdbi.useHandle(h -> h.execute("CREATE TABLE finishes (n INT)"));
        GroupCommit.Finisher<Integer> countClaims = h -> {
            h.execute("INSERT INTO finishes VALUES (0)");
            return h.createQuery("SELECT COUNT(*) FROM claims").mapTo(Integer.class).one();
        };
        ExecutorService callers = Executors.newFixedThreadPool(32);
        List<GroupCommit.Finished<Integer, Integer>> done = new ArrayList<>();
        try {
            List<Future<GroupCommit.Finished<Integer, Integer>>> answers = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                int n = i;
                answers.add(callers.submit(() -> writes.run(h -> h.execute("INSERT INTO claims VALUES (?, ?)",
                        "key-" + n, n), java.util.Map.of("count", countClaims))));
            }
            for (Future<GroupCommit.Finished<Integer, Integer>> a : answers) {
                done.add(a.get());
            }
        } finally {
            callers.shutdownNow();
        }
        int finishes = jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM finishes").mapTo(Integer.class).one());
        assertEquals(finishes, done.stream().mapToInt(d -> d.owned().size()).sum(), "each run is owned by one caller");
        assertTrue(finishes <= 300, "at most one run per group: " + finishes);
        // The last group's finisher ran after every unit of every group.
        assertEquals(300, done.stream().flatMap(d -> d.owned().values().stream()).mapToInt(Integer::intValue).max()
                .orElseThrow());
        assertEquals(300, count());
    }

    @Test
    void aFailingUnitIsUndoneAloneAndItsCallerGetsTheException() throws Exception {
        failingUnitsAreUndoneAlone();
    }

    /** PostgreSQL aborts a whole transaction on an error: the savepoints must keep the others. */
    @Test
    void onPostgresAFailingUnitIsUndoneAloneToo() throws Exception {
        try (TestPostgres.Db db = TestPostgres.freshDatabase()) {
            writes.close();
            // The driver itself, not DriverManager: it is not registered when this test runs first.
            org.postgresql.Driver driver = new org.postgresql.Driver();
            jdbi = Jdbi.create(() -> driver.connect(db.url(), new java.util.Properties()));
            jdbi.useHandle(h -> h.execute("CREATE TABLE claims (k VARCHAR(64) PRIMARY KEY, n INT)"));
            writes = new GroupCommit(jdbi, "test-pg", 64);
            failingUnitsAreUndoneAlone();
            writes.close();
        }
    }

    private void failingUnitsAreUndoneAlone() throws Exception {
        writes.run(h -> h.execute("INSERT INTO claims VALUES ('taken', 0)"));
        ExecutorService callers = Executors.newFixedThreadPool(16);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                int n = i;
                // Every tenth unit writes a row, then claims a key that is taken: both must vanish.
                answers.add(callers.submit(() -> writes.run(h -> {
                    h.execute("INSERT INTO claims VALUES (?, ?)", "row-" + n, n);
                    return n % 10 == 0 ? h.execute("INSERT INTO claims VALUES ('taken', ?)", n) : n;
                })));
            }
            int failed = 0;
            for (int i = 0; i < answers.size(); i++) {
                try {
                    assertEquals(i, answers.get(i).get());
                } catch (ExecutionException e) {
                    assertTrue(UniqueViolation.isCauseOf(e.getCause()), e.toString());
                    failed++;
                }
            }
            assertEquals(10, failed);
        } finally {
            callers.shutdownNow();
        }
        assertEquals(1 + 90, count());
        assertEquals(0L, (long) jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM claims WHERE k IN ('row-0', 'row-10')")
                .mapTo(Integer.class).one()));
    }

    @Test
    void refusesWorkOnceClosed() {
        writes.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> writes.run(h -> 1));
        assertTrue(e.getMessage().contains("stopping"), e.getMessage());
    }

    @Test
    void callersRacingTheCloseAreEachCommittedOrRefusedNeverLeftWaiting() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(16);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 2000; i++) {
                int n = i;
                answers.add(callers.submit(() -> writes.run(h -> h.createUpdate("INSERT INTO claims VALUES (:k, :n)")
                        .bind("k", "race-" + n).bind("n", n).execute())));
                if (i == 1000) {
                    callers.submit(writes::close);
                }
            }
            int committed = 0;
            for (Future<Integer> answer : answers) {
                try {
                    committed += answer.get(30, java.util.concurrent.TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    assertTrue(e.getCause().getMessage().contains("stopping"), e.getCause().toString());
                }
            }
            assertEquals(committed, count(), "every caller answered yes was committed, and only those");
        } finally {
            callers.shutdownNow();
        }
    }

    private int count() {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM claims").mapTo(Integer.class).one());
    }
}
