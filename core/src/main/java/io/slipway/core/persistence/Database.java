package io.slipway.core.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.slipway.core.config.SlipwayConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/**
 * The database: a connection pool, Flyway migrations (one set for H2 and PostgreSQL), and Jdbi on
 * top. Created once per server; closing it closes the pool.
 */
public final class Database implements AutoCloseable {
    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final boolean postgres;

    private Database(HikariDataSource dataSource, boolean postgres) {
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(dataSource).installPlugin(new SqlObjectPlugin());
        this.postgres = postgres;
    }

    /** Opens the pool and migrates the schema to the newest version. */
    public static Database open(SlipwayConfig config) {
        Objects.requireNonNull(config, "config");
        if (config.dbUrl().startsWith("jdbc:h2:file:")) {
            try {
                Files.createDirectories(config.dataDir());
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create " + config.dataDir() + ": check SLIPWAY_HOME's permissions", e);
            }
        }
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(h2Tuned(config.dbUrl()));
        // Named explicitly: DriverManager may hold a driver of an earlier deployment of the war
        // (another class loader) and would answer "No suitable driver".
        if (config.dbUrl().startsWith("jdbc:h2:")) {
            hikari.setDriverClassName("org.h2.Driver");
        } else if (config.isPostgres()) {
            hikari.setDriverClassName("org.postgresql.Driver");
            PostgresPool.tune(hikari);
        }
        if (!config.dbUser().isEmpty()) {
            hikari.setUsername(config.dbUser());
            hikari.setPassword(config.dbPassword());
        }
        hikari.setPoolName("slipway-db");
        hikari.setMaximumPoolSize(Math.max(4, config.workers() + 4));
        hikari.setMinimumIdle(1);
        // Fail fast at start when the database is unreachable, but let the pool recover later.
        hikari.setInitializationFailTimeout(10_000);
        hikari.setConnectionTimeout(10_000);
        HikariDataSource ds = new HikariDataSource(hikari);
        try {
            migrate(ds);
            if (config.dbUrl().startsWith("jdbc:h2:")) {
                try (var c = ds.getConnection()) {
                    cacheIdentities(c);
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException("Cannot configure H2 at " + config.dbUrl(), e);
                }
            }
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
        return new Database(ds, config.isPostgres());
    }

    /**
     * The H2 settings the queue needs, unless the URL sets them itself:
     * <ul>
     * <li>{@code WRITE_DELAY=0}: a commit is written to the file before it returns, so it survives a
     * SIGKILL. It must be in the URL: {@code SET WRITE_DELAY 0} on an open H2 2.5 database left
     * commits to the background writer (a kill test lost commits in 6 of 6 runs, 0 of 9 with the
     * URL setting).</li>
     * <li>{@code QUERY_CACHE_SIZE=256}: H2 parses a statement again unless it is among the
     * session's last 8 by default; a webhook delivery alone runs a dozen distinct statements.</li>
     * </ul>
     */
    static String h2Tuned(String url) {
        if (!url.startsWith("jdbc:h2:")) {
            return url;
        }
        String upper = url.toUpperCase(java.util.Locale.ROOT);
        StringBuilder tuned = new StringBuilder(url);
        if (!upper.contains(";WRITE_DELAY=")) {
            tuned.append(";WRITE_DELAY=0");
        }
        if (!upper.contains(";QUERY_CACHE_SIZE=")) {
            tuned.append(";QUERY_CACHE_SIZE=256");
        }
        return tuned.toString();
    }

    /**
     * An H2 identity hands out 32 values and then commits its new high mark, which with
     * {@code WRITE_DELAY 0} writes the whole store again: a busy table paid one extra file write per
     * 32 rows. H2's cache is one per database (ids stay in insertion order, which the queue relies
     * on), and a clean shutdown gives back what was not used; a SIGKILL skips ahead at most this
     * many ids. PostgreSQL caches per session, which would break that order: H2 only.
     */
    private static void cacheIdentities(java.sql.Connection c) throws java.sql.SQLException {
        java.util.List<String> alters = new java.util.ArrayList<>();
        try (var st = c.createStatement(); var rs = st.executeQuery("SELECT TABLE_NAME, COLUMN_NAME FROM "
                + "INFORMATION_SCHEMA.COLUMNS WHERE IS_IDENTITY = 'YES' AND TABLE_SCHEMA = 'PUBLIC'")) {
            while (rs.next()) {
                alters.add("ALTER TABLE \"" + rs.getString(1) + "\" ALTER COLUMN \"" + rs.getString(2)
                        + "\" SET CACHE 1024");
            }
        }
        try (var st = c.createStatement()) {
            for (String alter : alters) {
                st.execute(alter);
            }
        }
    }

    private static void migrate(DataSource ds) {
        Flyway.configure()
                .dataSource(ds)
                .locations("classpath:db/migration")
                .loggers("slf4j")
                .load()
                .migrate();
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** Whether this is PostgreSQL (several servers may share it), not the embedded H2. */
    public boolean isPostgres() {
        return postgres;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
