package io.slipway.core.testing;

import io.slipway.plugin.testkit.RequiresExternal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The private PostgreSQL cluster {@code .ci/test-env.sh} starts ({@code SLIPWAY_TEST_PG_URL},
 * {@code SLIPWAY_TEST_PG_CTL}): a fresh database per test server, and restarts for chaos tests.
 * Without it tests are skipped locally and fail in CI ({@link RequiresExternal}).
 *
 * <pre>{@code
 * try (TestPostgres.Db db = TestPostgres.freshDatabase();
 *      TestServer server = TestServer.startOnPostgres(db.url())) { ... }
 * }</pre>
 */
public final class TestPostgres {
    public static final String URL_ENV = "SLIPWAY_TEST_PG_URL";
    public static final String CTL_ENV = "SLIPWAY_TEST_PG_CTL";

    private TestPostgres() {
    }

    /** The cluster's base JDBC URL (database {@code slipway}); skips or fails the test without it. */
    public static String url() {
        String url = System.getenv(URL_ENV);
        RequiresExternal.require("PostgreSQL (" + URL_ENV + ")", url != null && url.startsWith("jdbc:postgresql:"),
                "run `source .ci/test-env.sh` (it starts a private cluster and exports " + URL_ENV + ")");
        return url;
    }

    /** A database of its own, dropped on close. */
    public static Db freshDatabase() {
        String base = url();
        String name = "slipway_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        execute(base, "CREATE DATABASE " + name);
        return new Db(name, withDatabase(base, name), base);
    }

    /** A created database; closing drops it (ending its sessions first). */
    public record Db(String name, String url, String adminUrl) implements AutoCloseable {
        @Override
        public void close() {
            execute(adminUrl, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    /** Restarts the cluster (pg_ctl restart -m fast: every session is cut). */
    public static void restart() {
        ctl("restart");
    }

    public static void ctl(String action) {
        String ctl = System.getenv(CTL_ENV);
        RequiresExternal.require("pg_ctl wrapper (" + CTL_ENV + ")", ctl != null && Files.isExecutable(Path.of(ctl)),
                "run `source .ci/test-env.sh`");
        try {
            Process p = new ProcessBuilder(List.of(ctl, action)).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(90, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("pg_ctl " + action + " failed: " + out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code base} with database {@code jdbcUrl} instead of its own. */
    public static io.slipway.core.config.SlipwayConfig onDatabase(io.slipway.core.config.SlipwayConfig base, String jdbcUrl) {
        return new io.slipway.core.config.SlipwayConfig(base.home(), base.port(), base.routerPort(), base.baseDomain(),
                jdbcUrl, "", "", base.adminPassword(), base.adminToken(), base.workers(), base.maxBodyBytes(),
                base.maxPluginBytes(), base.publicUrl(), base.dockerHost(), base.secretKey(), base.apiRateLimit(),
                base.hooksRateLimit(), base.maxUploadBytes());
    }

    static String withDatabase(String url, String database) {
        int slash = url.indexOf('/', "jdbc:postgresql://".length());
        int query = url.indexOf('?', slash);
        return url.substring(0, slash + 1) + database + (query < 0 ? "" : url.substring(query));
    }

    /** Runs one statement (no user input: names are generated here). */
    public static void execute(String url, String sql) {
        try (Connection c = new org.postgresql.Driver().connect(url, new Properties()); Statement st = c.createStatement()) {
            st.setQueryTimeout((int) Duration.ofSeconds(30).toSeconds());
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
