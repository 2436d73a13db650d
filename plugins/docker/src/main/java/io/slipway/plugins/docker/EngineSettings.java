package io.slipway.plugins.docker;

import io.slipway.plugin.api.config.Config;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the Docker engine is and how to reach it. The SDK has no plugin-level settings yet, so
 * the defaults come from the standard Docker variables; an extension's {@code dockerHost}
 * setting overrides the host.
 *
 * @param host {@code unix:///path} or {@code tcp://host:port}
 * @param tlsVerify whether a tcp host is reached over TLS with client certificates
 * @param certPath the folder holding {@code ca.pem}, {@code cert.pem}, {@code key.pem}
 */
record EngineSettings(String host, boolean tlsVerify, Optional<Path> certPath) {
    static final String DEFAULT_HOST = "unix:///var/run/docker.sock";
    /** The config field every extension of this plugin offers to override {@link #host()}. */
    static final String HOST_FIELD = "dockerHost";
    static final String HOST_PATTERN = "(unix|tcp)://\\S+";

    EngineSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(certPath, "certPath");
    }

    static EngineSettings fromEnvironment(Map<String, String> env) {
        String host = Optional.ofNullable(env.get("DOCKER_HOST")).filter(h -> !h.isBlank()).orElse(DEFAULT_HOST);
        String verify = env.getOrDefault("DOCKER_TLS_VERIFY", "");
        boolean tls = verify.equals("1") || verify.equalsIgnoreCase("true");
        Optional<Path> certs = Optional.ofNullable(env.get("DOCKER_CERT_PATH")).filter(p -> !p.isBlank()).map(Path::of);
        return new EngineSettings(host, tls, certs);
    }

    /** These settings with the extension's {@code dockerHost} override applied, when it has one. */
    EngineSettings forConfig(Config config) {
        return config.text(HOST_FIELD).filter(h -> !h.isBlank())
                .map(h -> new EngineSettings(h, tlsVerify, certPath)).orElse(this);
    }
}
