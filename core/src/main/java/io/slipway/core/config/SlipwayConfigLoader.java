package io.slipway.core.config;

import io.slipway.core.logging.LogFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Resolves {@link SlipwayConfig}: environment variables win over a properties file, which wins
 * over defaults that work on a laptop. The properties file is {@code slipway.conf} (system
 * property) or {@code SLIPWAY_CONF}, else {@code SLIPWAY_HOME/slipway.properties}, else
 * {@code conf/slipway.properties} in the working directory.
 */
public final class SlipwayConfigLoader {
    private final Map<String, String> env;
    private final Properties systemProperties;

    public SlipwayConfigLoader(Map<String, String> env, Properties systemProperties) {
        this.env = Map.copyOf(env);
        this.systemProperties = systemProperties;
    }

    public static SlipwayConfig fromEnvironment() {
        return new SlipwayConfigLoader(System.getenv(), System.getProperties()).load();
    }

    public SlipwayConfig load() {
        Properties file = new Properties();
        Optional<String> homeEarly = fromEnvOrSystem(Setting.HOME);
        Path home = Path.of(homeEarly.orElse(systemProperties.getProperty("user.home") + "/.slipway"))
                .toAbsolutePath().normalize();
        confFile(home).ifPresent(p -> read(p, file));
        Lookup lookup = new Lookup(file);
        home = Path.of(lookup.get(Setting.HOME).orElse(home.toString())).toAbsolutePath().normalize();
        int port = lookup.integer(Setting.PORT, 8080);
        String defaultDb = "jdbc:h2:file:" + home.resolve("data").resolve("slipway") + ";DB_CLOSE_ON_EXIT=FALSE";
        return new SlipwayConfig(
                home,
                port,
                lookup.integer(Setting.ROUTER_PORT, 8000),
                lookup.get(Setting.BASE_DOMAIN).orElse("localhost"),
                lookup.get(Setting.DB_URL).orElse(defaultDb),
                lookup.get(Setting.DB_USER).orElse(""),
                lookup.get(Setting.DB_PASSWORD).orElse(""),
                lookup.get(Setting.ADMIN_PASSWORD),
                lookup.get(Setting.ADMIN_TOKEN),
                lookup.integer(Setting.WORKERS, 4),
                lookup.integer(Setting.MAX_BODY_BYTES, 10L * 1024 * 1024),
                lookup.integer(Setting.MAX_PLUGIN_BYTES, 128L * 1024 * 1024),
                lookup.get(Setting.PUBLIC_URL).orElse("http://localhost:" + port),
                lookup.get(Setting.DOCKER_HOST),
                lookup.get(Setting.SECRET_KEY),
                lookup.integer(Setting.API_RATE_LIMIT, SlipwayConfig.DEFAULT_API_RATE_LIMIT),
                lookup.integer(Setting.HOOKS_RATE_LIMIT, SlipwayConfig.DEFAULT_HOOKS_RATE_LIMIT),
                lookup.integer(Setting.MAX_UPLOAD_BYTES, SlipwayConfig.DEFAULT_MAX_UPLOAD_BYTES),
                lookup.integer(Setting.LOGIN_RATE_LIMIT, SlipwayConfig.DEFAULT_LOGIN_RATE_LIMIT),
                lookup.integer(Setting.LOGIN_LOCKOUT_AFTER, SlipwayConfig.DEFAULT_LOGIN_LOCKOUT_AFTER),
                lookup.integer(Setting.SESSION_IDLE_HOURS, SlipwayConfig.DEFAULT_SESSION_IDLE_HOURS),
                lookup.get(Setting.LOG_FORMAT).map(LogFormat::parse).orElse(LogFormat.TEXT),
                lookup.integer(Setting.PREVIEW_RECONCILE_MINUTES, SlipwayConfig.DEFAULT_PREVIEW_RECONCILE_MINUTES));
    }

    private Optional<String> fromEnvOrSystem(Setting s) {
        String v = env.get(s.env());
        if (v == null || v.isBlank()) {
            v = systemProperties.getProperty(s.property());
        }
        return Optional.ofNullable(v).filter(x -> !x.isBlank());
    }

    private Optional<Path> confFile(Path home) {
        String explicit = systemProperties.getProperty("slipway.conf", env.get("SLIPWAY_CONF"));
        if (explicit != null && !explicit.isBlank()) {
            Path p = Path.of(explicit);
            if (!Files.isRegularFile(p)) {
                throw new ConfigurationException("The configuration file " + p + " does not exist: fix slipway.conf / SLIPWAY_CONF.");
            }
            return Optional.of(p);
        }
        for (Path p : new Path[] {home.resolve("slipway.properties"), Path.of("conf", "slipway.properties")}) {
            if (Files.isRegularFile(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private static void read(Path p, Properties into) {
        try (InputStream in = Files.newInputStream(p)) {
            into.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + p, e);
        }
    }

    private final class Lookup {
        private final Properties file;

        Lookup(Properties file) {
            this.file = file;
        }

        Optional<String> get(Setting s) {
            return fromEnvOrSystem(s).or(() -> Optional.ofNullable(file.getProperty(s.property())).map(String::trim)
                    .filter(x -> !x.isEmpty()));
        }

        int integer(Setting s, int dflt) {
            return (int) integer(s, (long) dflt);
        }

        long integer(Setting s, long dflt) {
            Optional<String> v = get(s);
            if (v.isEmpty()) {
                return dflt;
            }
            try {
                return Long.parseLong(v.get());
            } catch (NumberFormatException e) {
                throw new ConfigurationException(s.env() + " / " + s.property() + " must be a whole number, not '" + v.get() + "'.");
            }
        }
    }
}
