package io.slipway.core.persistence;

import com.zaxxer.hikari.HikariConfig;

/**
 * Pool settings for PostgreSQL, so the pool heals by itself when the database restarts or a
 * connection dies silently. Hikari already drops a connection whose statement failed with a
 * connection-class error (SQLState 08xxx, or 57P01 "terminating connection due to administrator
 * command" that a restart sends); these make it also find dead idle connections early and never
 * wait forever on a half-open socket.
 */
final class PostgresPool {
    private PostgresPool() {
    }

    static void tune(HikariConfig hikari) {
        // Idle connections are probed every 30 s (Hikari's floor), not handed out dead.
        hikari.setKeepaliveTime(30_000);
        hikari.setValidationTimeout(2_000);
        // Connections are replaced every 10 min, before any firewall forgets them.
        hikari.setMaxLifetime(600_000);
        hikari.setIdleTimeout(300_000);
        // The driver's own bounds: a connect that hangs, and the OS noticing a vanished peer.
        hikari.addDataSourceProperty("connectTimeout", "5");
        hikari.addDataSourceProperty("tcpKeepAlive", "true");
        hikari.addDataSourceProperty("ApplicationName", "slipway");
    }
}
