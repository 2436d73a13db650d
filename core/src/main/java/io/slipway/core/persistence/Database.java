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
        hikari.setJdbcUrl(config.dbUrl());
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
                // The deployment queue is the database: a commit must survive a SIGKILL. H2
                // otherwise writes commits to its file up to 500 ms later.
                try (var c = ds.getConnection(); var st = c.createStatement()) {
                    st.execute("SET WRITE_DELAY 0");
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
