package io.slipway.core.cluster.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leadership as a session-level PostgreSQL advisory lock, held on a connection of its own (not
 * the pool's, whose connections come and go): PostgreSQL releases it the moment that session
 * ends, so a leader that dies, is killed or loses the database lets another server take over
 * at its next try. A leader checks its connection at every heartbeat; if it is gone, so is the
 * leadership.
 */
public final class PostgresAdvisoryLock implements LeaderLock {
    /** "SLIPWAY" in ASCII: the key of the leader lock. */
    static final long KEY = 0x534C4950574159L;
    private static final Logger LOG = LoggerFactory.getLogger(PostgresAdvisoryLock.class);

    private final String url;
    private final Properties properties = new Properties();
    private Connection connection;
    private boolean held;
    private String lastProblem = "";

    public PostgresAdvisoryLock(String url, String user, String password) {
        this.url = Objects.requireNonNull(url, "url");
        if (!user.isEmpty()) {
            properties.setProperty("user", user);
            properties.setProperty("password", password);
        }
        properties.setProperty("connectTimeout", "5");
        properties.setProperty("socketTimeout", "10");
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("ApplicationName", "slipway-leader-lock");
    }

    @Override
    public synchronized boolean holdOrAcquire() {
        try {
            if (connection != null && !connection.isValid(2)) {
                LOG.warn("The leader lock's database connection is gone{}", held ? "; no longer leader" : "");
                closeConnection();
            }
            if (connection == null) {
                // The driver directly: DriverManager may not see a driver loaded by a war's class loader.
                connection = new org.postgresql.Driver().connect(url, properties);
                held = false;
            }
            if (!held) {
                try (PreparedStatement st = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                    st.setLong(1, KEY);
                    try (ResultSet rs = st.executeQuery()) {
                        held = rs.next() && rs.getBoolean(1);
                    }
                }
            }
            lastProblem = "";
            return held;
        } catch (SQLException | RuntimeException e) {
            if (!lastProblem.equals(String.valueOf(e.getMessage()))) {
                LOG.warn("Cannot hold or take the leader lock; retrying: {}", e.getMessage());
                lastProblem = String.valueOf(e.getMessage());
            }
            closeConnection();
            return false;
        }
    }

    @Override
    public synchronized void close() {
        closeConnection();
    }

    private void closeConnection() {
        held = false;
        if (connection == null) {
            return;
        }
        try {
            // Ending the session releases the advisory lock.
            connection.close();
        } catch (SQLException e) {
            LOG.debug("Closing the leader lock's connection failed", e);
        }
        connection = null;
    }
}
