package io.slipway.war.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A database of its own on the shared PostgreSQL cluster of {@code .ci/test-env.sh}
 * ({@code SLIPWAY_TEST_PG_URL}), for Slipway servers started as processes: created with JDBC,
 * dropped on close (its sessions ended first). The cluster itself is never restarted here.
 *
 * <pre>{@code
 * try (PostgresDatabase db = PostgresDatabase.create(PostgresDatabase.sharedCluster().orElseThrow(), "slipway_load")) {
 *     builder.env("SLIPWAY_DB_URL", db.url());
 * }
 * }</pre>
 *
 * @param name the database's name
 * @param url its JDBC URL (the cluster's URL with this database; user and password kept)
 * @param clusterUrl the URL it was created through, and is dropped through
 */
public record PostgresDatabase(String name, String url, String clusterUrl) implements AutoCloseable {
    public static final String URL_ENV = "SLIPWAY_TEST_PG_URL";

    public PostgresDatabase {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(clusterUrl, "clusterUrl");
    }

    /** The cluster's JDBC URL from {@code SLIPWAY_TEST_PG_URL}, when set to a PostgreSQL URL. */
    public static Optional<String> sharedCluster() {
        return Optional.ofNullable(System.getenv(URL_ENV)).filter(u -> u.startsWith("jdbc:postgresql://"));
    }

    /** Whether the cluster at {@code clusterUrl} accepts a connection. */
    public static boolean answers(String clusterUrl) {
        try {
            execute(clusterUrl, "SELECT 1");
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    /** Creates {@code <prefix>_<random hex>} (the prefix: lower-case letters, digits, '_'). */
    public static PostgresDatabase create(String clusterUrl, String prefix) {
        if (!prefix.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a plain database name prefix: " + prefix);
        }
        String name = prefix + "_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        execute(clusterUrl, "CREATE DATABASE " + name);
        return new PostgresDatabase(name, withDatabase(clusterUrl, name), clusterUrl);
    }

    @Override
    public void close() {
        execute(clusterUrl, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    /** {@code jdbc:postgresql://host:port/<database>?query}: the URL's database swapped. */
    static String withDatabase(String url, String database) {
        int slash = url.indexOf('/', "jdbc:postgresql://".length());
        String query = url.indexOf('?') < 0 ? "" : url.substring(url.indexOf('?'));
        return (slash < 0 ? url.replaceFirst("\\?.*$", "") : url.substring(0, slash)) + "/" + database + query;
    }

    /** One statement built here from generated names (never from outside input). */
    private static void execute(String url, String sql) {
        try (Connection c = new org.postgresql.Driver().connect(url, new Properties())) {
            if (c == null) {
                throw new IllegalStateException("not a PostgreSQL URL: " + url.replaceFirst("\\?.*$", ""));
            }
            try (Statement st = c.createStatement()) {
                st.setQueryTimeout(30);
                st.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
