package io.slipway.core.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.core.testing.TestServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deployment queue is the database: on the embedded H2 a commit that returned must survive
 * a SIGKILL of the server. A child JVM opens the database as the server does and commits
 * counters from several threads, printing each value once its commit returned; after a SIGKILL
 * the database must hold at least every printed value.
 */
class CommitsSurviveKillTest {
    private static final int ROWS = 50;

    @TempDir
    Path home;

    @Test
    void everyReturnedCommitIsThereAfterSigkill() throws Exception {
        for (int run = 0; run < 2; run++) {
            Map<Integer, Long> printed = new HashMap<>();
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    CommitsSurviveKillTest.class.getName(), home.toString()).redirectErrorStream(true).start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                long killAt = 0;
                String line;
                while ((line = out.readLine()) != null) {
                    String[] f = line.split(" ");
                    if (f.length != 2 || !f[0].matches("\\d+")) {
                        continue; // a log line of the child
                    }
                    printed.merge(Integer.parseInt(f[0]), Long.parseLong(f[1]), Math::max);
                    if (killAt == 0) {
                        killAt = System.nanoTime() + 1_500_000_000L;
                    } else if (System.nanoTime() > killAt) {
                        child.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, no close
                        break;
                    }
                }
            } finally {
                child.destroyForcibly().waitFor();
            }
            assertTrue(printed.size() > 10, "the child committed too little to tell: " + printed.size());
            try (Database db = Database.open(TestServer.config(home, 1 << 20))) {
                Map<Integer, Long> stored = new HashMap<>();
                db.jdbi().useHandle(h -> h.createQuery("SELECT id, v FROM kill_test").map((rs, ctx) ->
                        stored.put(rs.getInt(1), rs.getLong(2))).list());
                printed.forEach((id, v) -> assertTrue(stored.getOrDefault(id, -1L) >= v,
                        "row " + id + " lost commits: printed " + v + ", stored " + stored.get(id)));
            }
        }
    }

    /** The child: commits counters until it is killed. */
    public static void main(String[] args) throws Exception {
        Database db = Database.open(TestServer.config(Path.of(args[0]), 1 << 20));
        Jdbi jdbi = db.jdbi();
        jdbi.useHandle(h -> h.execute("CREATE TABLE IF NOT EXISTS kill_test (id INT PRIMARY KEY, v BIGINT, pad VARCHAR(4000))"));
        jdbi.useHandle(h -> {
            for (int i = 0; i < ROWS; i++) {
                h.execute("MERGE INTO kill_test KEY (id) VALUES (?, COALESCE((SELECT v FROM kill_test WHERE id = ?), 0), '')",
                        i, i);
            }
        });
        ExecutorService threads = Executors.newFixedThreadPool(4);
        for (int t = 0; t < 4; t++) {
            threads.submit(() -> {
                Random random = new Random();
                while (true) {
                    int id = random.nextInt(ROWS);
                    long v = jdbi.inTransaction(h -> {
                        h.execute("UPDATE kill_test SET v = v + 1, pad = ? WHERE id = ?", "p".repeat(random.nextInt(2000)), id);
                        return h.createQuery("SELECT v FROM kill_test WHERE id = ?").bind(0, id).mapTo(Long.class).one();
                    });
                    synchronized (System.out) {
                        System.out.println(id + " " + v);
                        System.out.flush();
                    }
                }
            });
        }
        Thread.sleep(Long.MAX_VALUE);
    }
}
