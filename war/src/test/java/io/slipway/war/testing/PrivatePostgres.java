package io.slipway.war.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster of one test's own (initdb under a new folder in /tmp, a free port on
 * 127.0.0.1, trust authentication, superuser {@code postgres}), which the test may stop and start
 * again without disturbing the cluster the other tests share. Uses Debian's server binaries
 * ({@code /usr/lib/postgresql/<major>/bin}); as root they run as user {@code postgres}, since
 * initdb and pg_ctl refuse root. {@link #close()} stops it and deletes its folder.
 *
 * <pre>{@code
 * try (PrivatePostgres pg = PrivatePostgres.start()) {
 *     String url = pg.jdbcUrl();   // SLIPWAY_DB_URL
 *     pg.stop();
 *     pg.startAgain();
 * }
 * }</pre>
 */
public final class PrivatePostgres implements AutoCloseable {
    private final Path bin;
    private final Path dir;
    private final int port;

    private PrivatePostgres(Path bin, Path dir, int port) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
    }

    /** Whether the server binaries are installed (and, as root, the {@code postgres} user exists). */
    public static boolean canRun() {
        return binaries().isPresent() && (!isRoot() || Files.isExecutable(Path.of("/usr/sbin/runuser"))
                && run(List.of("id", "-u", "postgres")) == 0);
    }

    private static Optional<Path> binaries() {
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparing(PrivatePostgres::major));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static int major(Path bin) {
        String v = bin.getParent().getFileName().toString();
        return v.matches("\\d+") ? Integer.parseInt(v) : 0;
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** Creates the cluster under a new folder in /tmp and starts it; returns once it accepts connections. */
    public static PrivatePostgres start() throws IOException {
        Path bin = binaries().orElseThrow(() -> new IllegalStateException("no PostgreSQL under /usr/lib/postgresql"));
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "slipway-it-pg-");
        PrivatePostgres pg = new PrivatePostgres(bin, dir, SlipwayProcess.freePort());
        if (isRoot() && run(List.of("chown", "postgres", dir.toString())) != 0) {
            throw new IllegalStateException("could not give " + dir + " to postgres");
        }
        pg.asOwner(List.of(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-U", "postgres",
                "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"), "initdb");
        pg.startAgain();
        return pg;
    }

    /** The JDBC URL of database {@code postgres} as superuser {@code postgres}. */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres";
    }

    /** Starts the cluster (again); returns once it accepts connections. */
    public void startAgain() {
        asOwner(pgCtl("start"), "pg_ctl start");
    }

    /** Stops the cluster as an administrator's restart would ({@code -m fast}: sessions are disconnected). */
    public void stop() {
        asOwner(pgCtl("stop"), "pg_ctl stop");
    }

    private List<String> pgCtl(String action) {
        return List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-l",
                dir.resolve("postgres.log").toString(), "-w", "-t", "60", "-m", "fast", "-o",
                "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1", action);
    }

    private void asOwner(List<String> command, String what) {
        List<String> full = new ArrayList<>();
        if (isRoot()) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        if (run(full) != 0) {
            throw new IllegalStateException(what + " failed; log: " + log());
        }
    }

    private static int run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (!p.waitFor(90, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return -1;
            }
            return p.exitValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String log() {
        try {
            return Files.readString(dir.resolve("postgres.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** Stops the cluster (immediately: the test is over) and deletes its folder. */
    @Override
    public void close() {
        try {
            List<String> stop = new ArrayList<>(isRoot() ? List.of("runuser", "-u", "postgres", "--") : List.of());
            stop.addAll(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "immediate",
                    "-w", "stop"));
            run(stop);
        } finally {
            try (Stream<Path> all = Files.walk(dir)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException | UncheckedIOException e) {
                // best effort: /tmp is cleared on reboot
            }
        }
    }
}
