package io.slipway.core.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The server's settings, resolved once at start by {@link SlipwayConfigLoader}.
 *
 * @param home SLIPWAY_HOME: data, logs, plugins, sources, key file
 * @param port UI, REST API and webhooks
 * @param routerPort the app router
 * @param baseDomain apps answer at {@code <app>.<baseDomain>}
 * @param dbUrl the JDBC URL
 * @param dbUser database user; empty for H2
 * @param dbPassword database password; empty for H2
 * @param adminPassword first admin's password, used only on a first start
 * @param adminToken first admin API token, used only on a first start
 * @param workers deployment worker pool size
 * @param maxBodyBytes largest request body accepted
 * @param maxPluginBytes largest plugin JAR accepted for upload
 * @param publicUrl where users reach Slipway
 * @param dockerHost the Docker engine; empty for the local socket
 */
public record SlipwayConfig(Path home, int port, int routerPort, String baseDomain, String dbUrl,
                            String dbUser, String dbPassword, Optional<String> adminPassword,
                            Optional<String> adminToken, int workers, long maxBodyBytes, long maxPluginBytes,
                            String publicUrl,
                            Optional<String> dockerHost) {

    public SlipwayConfig {
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(baseDomain, "baseDomain");
        Objects.requireNonNull(dbUrl, "dbUrl");
        Objects.requireNonNull(dbUser, "dbUser");
        Objects.requireNonNull(dbPassword, "dbPassword");
        Objects.requireNonNull(adminPassword, "adminPassword");
        Objects.requireNonNull(adminToken, "adminToken");
        Objects.requireNonNull(publicUrl, "publicUrl");
        Objects.requireNonNull(dockerHost, "dockerHost");
    }

    public Path dataDir() {
        return home.resolve("data");
    }

    /** Plugins installed at run time (uploaded JARs). */
    public Path pluginsDir() {
        return home.resolve("plugins");
    }

    /** Per-plugin private folders ({@code PluginContext.dataDir()}). */
    public Path pluginDataDir() {
        return home.resolve("plugin-data");
    }

    public Path logsDir() {
        return home.resolve("logs");
    }

    public Path workspacesDir() {
        return home.resolve("workspaces");
    }

    public boolean isPostgres() {
        return dbUrl.startsWith("jdbc:postgresql:");
    }
}
