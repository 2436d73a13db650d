package io.slipway.core.config;

import java.util.Locale;

/**
 * A setting and where it comes from: an environment variable ({@code SLIPWAY_PORT}) wins over the
 * properties key ({@code slipway.port}), which wins over the default. The names are a contract
 * (ARCHITECTURE.md, the distribution's conf file, docs).
 */
public enum Setting {
    HOME("SLIPWAY_HOME", "data, logs, plugins, sources, key file"),
    PORT("SLIPWAY_PORT", "UI, REST API, webhooks"),
    ROUTER_PORT("SLIPWAY_ROUTER_PORT", "the app router"),
    BASE_DOMAIN("SLIPWAY_BASE_DOMAIN", "apps answer at <app>.<base domain>"),
    DB_URL("SLIPWAY_DB_URL", "JDBC URL; jdbc:postgresql://... for PostgreSQL"),
    DB_USER("SLIPWAY_DB_USER", "database user (PostgreSQL)"),
    DB_PASSWORD("SLIPWAY_DB_PASSWORD", "database password (PostgreSQL)"),
    ADMIN_PASSWORD("SLIPWAY_ADMIN_PASSWORD", "sets the first admin's password on first start"),
    ADMIN_TOKEN("SLIPWAY_ADMIN_TOKEN", "creates an admin API token with this value on first start"),
    WORKERS("SLIPWAY_WORKERS", "deployment worker pool size"),
    MAX_BODY_BYTES("SLIPWAY_MAX_BODY_BYTES", "largest request body accepted"),
    MAX_PLUGIN_BYTES("SLIPWAY_MAX_PLUGIN_BYTES", "largest plugin JAR accepted for upload (plugins bundle their libraries)"),
    MAX_UPLOAD_BYTES("SLIPWAY_MAX_UPLOAD_BYTES", "largest source archive accepted for upload (POST /api/v1/apps/{app}/uploads)"),
    PUBLIC_URL("SLIPWAY_PUBLIC_URL", "the URL users reach Slipway at, for links in notifications"),
    SECRET_KEY("SLIPWAY_SECRET_KEY", "the key secrets are encrypted with (base64 of 32 bytes); default: SLIPWAY_HOME/secret.key"),
    API_RATE_LIMIT("SLIPWAY_API_RATE_LIMIT", "API requests per minute per token (per IP without one); 0 = no limit"),
    HOOKS_RATE_LIMIT("SLIPWAY_HOOKS_RATE_LIMIT", "webhook requests per minute per IP; 0 = no limit"),
    LOGIN_RATE_LIMIT("SLIPWAY_LOGIN_RATE_LIMIT", "login attempts per 5 minutes per IP (then 429)"),
    LOGIN_LOCKOUT_AFTER("SLIPWAY_LOGIN_LOCKOUT_AFTER", "failed logins in a row that lock an account for 15 minutes"),
    SESSION_IDLE_HOURS("SLIPWAY_SESSION_IDLE_HOURS", "a browser session unused this many hours ends (at most 7 days after login)"),
    PREVIEW_RECONCILE_MINUTES("SLIPWAY_PREVIEW_RECONCILE_MINUTES", "how often the leader asks GitHub/GitLab which "
            + "previews' pull requests closed, for close events that never arrived"),
    LOG_FORMAT("SLIPWAY_LOG_FORMAT", "text (default) or json: one JSON object per log line, with requestId and deploymentId"),
    DOCKER_HOST("DOCKER_HOST", "the Docker engine");

    private final String env;
    private final String meaning;

    Setting(String env, String meaning) {
        this.env = env;
        this.meaning = meaning;
    }

    public String env() {
        return env;
    }

    /** {@code SLIPWAY_ROUTER_PORT} → {@code slipway.router.port}. */
    public String property() {
        return env.toLowerCase(Locale.ROOT).replace('_', '.');
    }

    public String meaning() {
        return meaning;
    }
}
