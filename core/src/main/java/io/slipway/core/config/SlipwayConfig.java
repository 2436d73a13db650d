package io.slipway.core.config;

import io.slipway.core.logging.LogFormat;
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
 * @param secretKey the secrets' key (base64) when supplied by the environment; empty to use {@link #secretKeyFile()}
 * @param apiRateLimit API requests per minute per token (per IP without one); 0 for no limit
 * @param hooksRateLimit webhook requests per minute per IP; 0 for no limit
 * @param maxUploadBytes largest source archive accepted for upload
 * @param loginRateLimit login attempts per 5 minutes per IP
 * @param loginLockoutAfter failed logins in a row that lock an account
 * @param sessionIdleHours a browser session unused this long ends
 * @param logFormat text or JSON log lines
 * @param previewReconcileMinutes how often the leader asks the forges whether previews' pull
 *     requests closed (for close events that never arrived)
 */
public record SlipwayConfig(Path home, int port, int routerPort, String baseDomain, String dbUrl,
                            String dbUser, String dbPassword, Optional<String> adminPassword,
                            Optional<String> adminToken, int workers, long maxBodyBytes, long maxPluginBytes,
                            String publicUrl,
                            Optional<String> dockerHost, Optional<String> secretKey, int apiRateLimit,
                            int hooksRateLimit, long maxUploadBytes, int loginRateLimit, int loginLockoutAfter,
                            int sessionIdleHours, LogFormat logFormat, int previewReconcileMinutes) {
    public static final int DEFAULT_PREVIEW_RECONCILE_MINUTES = 15;

    /** The settings before the preview reconciler's interval was configurable: it takes its default. */
    public SlipwayConfig(Path home, int port, int routerPort, String baseDomain, String dbUrl, String dbUser,
                         String dbPassword, Optional<String> adminPassword, Optional<String> adminToken, int workers,
                         long maxBodyBytes, long maxPluginBytes, String publicUrl, Optional<String> dockerHost,
                         Optional<String> secretKey, int apiRateLimit, int hooksRateLimit, long maxUploadBytes,
                         int loginRateLimit, int loginLockoutAfter, int sessionIdleHours, LogFormat logFormat) {
        this(home, port, routerPort, baseDomain, dbUrl, dbUser, dbPassword, adminPassword, adminToken, workers,
                maxBodyBytes, maxPluginBytes, publicUrl, dockerHost, secretKey, apiRateLimit, hooksRateLimit,
                maxUploadBytes, loginRateLimit, loginLockoutAfter, sessionIdleHours, logFormat,
                DEFAULT_PREVIEW_RECONCILE_MINUTES);
    }

    /** The settings before the log format was configurable: text lines. */
    public SlipwayConfig(Path home, int port, int routerPort, String baseDomain, String dbUrl, String dbUser,
                         String dbPassword, Optional<String> adminPassword, Optional<String> adminToken, int workers,
                         long maxBodyBytes, long maxPluginBytes, String publicUrl, Optional<String> dockerHost,
                         Optional<String> secretKey, int apiRateLimit, int hooksRateLimit, long maxUploadBytes,
                         int loginRateLimit, int loginLockoutAfter, int sessionIdleHours) {
        this(home, port, routerPort, baseDomain, dbUrl, dbUser, dbPassword, adminPassword, adminToken, workers,
                maxBodyBytes, maxPluginBytes, publicUrl, dockerHost, secretKey, apiRateLimit, hooksRateLimit,
                maxUploadBytes, loginRateLimit, loginLockoutAfter, sessionIdleHours, LogFormat.TEXT);
    }

    public static final int DEFAULT_LOGIN_RATE_LIMIT = 20;
    public static final int DEFAULT_LOGIN_LOCKOUT_AFTER = 10;
    public static final int DEFAULT_SESSION_IDLE_HOURS = 12;

    /** The settings before login limits and session idle time were configurable: those take their defaults. */
    public SlipwayConfig(Path home, int port, int routerPort, String baseDomain, String dbUrl, String dbUser,
                         String dbPassword, Optional<String> adminPassword, Optional<String> adminToken, int workers,
                         long maxBodyBytes, long maxPluginBytes, String publicUrl, Optional<String> dockerHost,
                         Optional<String> secretKey, int apiRateLimit, int hooksRateLimit, long maxUploadBytes) {
        this(home, port, routerPort, baseDomain, dbUrl, dbUser, dbPassword, adminPassword, adminToken, workers,
                maxBodyBytes, maxPluginBytes, publicUrl, dockerHost, secretKey, apiRateLimit, hooksRateLimit,
                maxUploadBytes, DEFAULT_LOGIN_RATE_LIMIT, DEFAULT_LOGIN_LOCKOUT_AFTER, DEFAULT_SESSION_IDLE_HOURS);
    }

    /** 256 MiB: an app's source without its dependencies fits many times over. */
    public static final long DEFAULT_MAX_UPLOAD_BYTES = 256L * 1024 * 1024;

    /** The settings before source uploads had their own limit: it takes its default. */
    public SlipwayConfig(Path home, int port, int routerPort, String baseDomain, String dbUrl, String dbUser,
                         String dbPassword, Optional<String> adminPassword, Optional<String> adminToken, int workers,
                         long maxBodyBytes, long maxPluginBytes, String publicUrl, Optional<String> dockerHost,
                         Optional<String> secretKey, int apiRateLimit, int hooksRateLimit) {
        this(home, port, routerPort, baseDomain, dbUrl, dbUser, dbPassword, adminPassword, adminToken, workers,
                maxBodyBytes, maxPluginBytes, publicUrl, dockerHost, secretKey, apiRateLimit, hooksRateLimit,
                DEFAULT_MAX_UPLOAD_BYTES);
    }

    public static final int DEFAULT_API_RATE_LIMIT = 6000;
    public static final int DEFAULT_HOOKS_RATE_LIMIT = 1200;

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
        Objects.requireNonNull(secretKey, "secretKey");
        Objects.requireNonNull(logFormat, "logFormat");
        if (apiRateLimit < 0 || hooksRateLimit < 0) {
            throw new ConfigurationException("SLIPWAY_API_RATE_LIMIT and SLIPWAY_HOOKS_RATE_LIMIT must be 0 (no limit) or more.");
        }
        if (loginRateLimit < 1 || loginLockoutAfter < 1 || sessionIdleHours < 1) {
            throw new ConfigurationException("SLIPWAY_LOGIN_RATE_LIMIT, SLIPWAY_LOGIN_LOCKOUT_AFTER and "
                    + "SLIPWAY_SESSION_IDLE_HOURS must be 1 or more.");
        }
        if (previewReconcileMinutes < 1) {
            throw new ConfigurationException("SLIPWAY_PREVIEW_RECONCILE_MINUTES must be 1 or more (default "
                    + DEFAULT_PREVIEW_RECONCILE_MINUTES + ").");
        }
    }

    /** The settings before secrets' key and rate limits were configurable: those take their defaults. */
    public SlipwayConfig(Path home, int port, int routerPort, String baseDomain, String dbUrl, String dbUser,
                         String dbPassword, Optional<String> adminPassword, Optional<String> adminToken, int workers,
                         long maxBodyBytes, long maxPluginBytes, String publicUrl, Optional<String> dockerHost) {
        this(home, port, routerPort, baseDomain, dbUrl, dbUser, dbPassword, adminPassword, adminToken, workers,
                maxBodyBytes, maxPluginBytes, publicUrl, dockerHost, Optional.empty(), DEFAULT_API_RATE_LIMIT,
                DEFAULT_HOOKS_RATE_LIMIT);
    }

    /** Where the secrets' key is kept when the environment does not supply it. */
    public Path secretKeyFile() {
        return home.resolve("secret.key");
    }

    /** Never prints a password, token or key (configs end up in logs and exception messages). */
    @Override
    public String toString() {
        return "SlipwayConfig[home=" + home + ", port=" + port + ", routerPort=" + routerPort + ", baseDomain="
                + baseDomain + ", dbUrl=" + dbUrl + ", dbUser=" + dbUser + ", workers=" + workers + ", publicUrl="
                + publicUrl + ", secretKey=" + (secretKey.isPresent() ? "(from the environment)" : "(key file)")
                + ", apiRateLimit=" + apiRateLimit + ", hooksRateLimit=" + hooksRateLimit + ", logFormat=" + logFormat + "]";
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
