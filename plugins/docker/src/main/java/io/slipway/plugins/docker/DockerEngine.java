package io.slipway.plugins.docker;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.Version;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientConfigDelegate;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import io.slipway.plugin.api.StepFailedException;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javax.net.ssl.SSLException;

/**
 * One connection to a Docker engine, opened for one piece of work and closed after it. The API
 * version is left unset on purpose, so the client negotiates with older engines (API 1.41).
 *
 * <pre>{@code
 * try (DockerEngine engine = DockerEngine.open(settings)) {
 *     engine.call(c -> c.pingCmd().exec());
 * }
 * }</pre>
 */
final class DockerEngine implements AutoCloseable {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final List<String> TLS_FILES = List.of("ca.pem", "cert.pem", "key.pem");

    private final String host;
    private final DockerClient client;

    private DockerEngine(String host, DockerClient client) {
        this.host = host;
        this.client = client;
    }

    static DockerEngine open(EngineSettings settings) {
        requireTlsFiles(settings);
        DefaultDockerClientConfig.Builder builder = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(settings.host())
                .withDockerTlsVerify(settings.tlsVerify());
        settings.certPath().ifPresent(p -> builder.withDockerCertPath(p.toString()));
        DefaultDockerClientConfig config;
        try {
            config = builder.build();
        } catch (RuntimeException e) {
            throw new StepFailedException("Docker engine settings are not usable (host " + settings.host() + "): "
                    + e.getMessage() + ". Check DOCKER_HOST, DOCKER_TLS_VERIFY and DOCKER_CERT_PATH.", e);
        }
        ApacheDockerHttpClient http;
        try {
            // Reads DOCKER_CERT_PATH's ca.pem, cert.pem and key.pem when TLS is on.
            http = new ApacheDockerHttpClient.Builder()
                    .dockerHost(config.getDockerHost())
                    .sslConfig(config.getSSLConfig())
                    .connectionTimeout(CONNECT_TIMEOUT)
                    .maxConnections(20)
                    .build();
        } catch (RuntimeException e) {
            throw new StepFailedException("The TLS files for the Docker engine at " + settings.host()
                    + " could not be loaded (DOCKER_CERT_PATH " + settings.certPath().map(Object::toString)
                    .orElse("not set") + "): " + e.getMessage() + ". It must hold ca.pem, cert.pem and key.pem.", e);
        }
        return new DockerEngine(settings.host(), DockerClientImpl.getInstance(new SharedMapperConfig(config), http));
    }

    /**
     * docker-java hands every client (and every request's auth header) a fresh copy of its
     * ObjectMapper, whose caches start empty: each deployment's engines then looked up the
     * serializers of the container and image models again, ~5 ms per response type. One mapper,
     * configured by docker-java once and safe to share, keeps them.
     */
    private static final class SharedMapperConfig extends DockerClientConfigDelegate {
        private static final ObjectMapper MAPPER = DefaultDockerClientConfig.createDefaultConfigBuilder().build()
                .getObjectMapper();

        SharedMapperConfig(DockerClientConfig config) {
            super(config);
        }

        @Override
        public ObjectMapper getObjectMapper() {
            return MAPPER;
        }
    }

    /**
     * With TLS on, docker-java quietly talks plain HTTP when the cert folder lacks a file; a
     * missing file is a settings error instead.
     */
    private static void requireTlsFiles(EngineSettings settings) {
        if (!settings.tlsVerify() || !settings.host().startsWith("tcp://")) {
            return;
        }
        List<String> missing = TLS_FILES.stream().filter(f -> settings.certPath()
                .map(dir -> !Files.isRegularFile(dir.resolve(f))).orElse(true)).toList();
        if (!missing.isEmpty()) {
            throw new StepFailedException("The TLS files for the Docker engine at " + settings.host()
                    + " could not be loaded (DOCKER_CERT_PATH " + settings.certPath().map(Object::toString)
                    .orElse("not set") + "): missing " + String.join(", ", missing)
                    + ". It must hold ca.pem, cert.pem and key.pem.");
        }
    }

    String host() {
        return host;
    }

    /** The raw client, for streaming calls whose errors go through {@link #translate}. */
    DockerClient client() {
        return client;
    }

    /** Runs one request, turning "no engine there" into a message a user can act on. */
    <T> T call(Function<DockerClient, T> request) {
        try {
            return request.apply(client);
        } catch (RuntimeException e) {
            throw translate(e);
        }
    }

    Version version() {
        return call(c -> c.versionCmd().exec());
    }

    /**
     * A TLS failure becomes a failure naming the certificates; a connection failure the "not
     * reachable" failure; anything else is returned as it is.
     */
    RuntimeException translate(RuntimeException e) {
        Optional<SSLException> tls = tlsFailure(e);
        if (tls.isPresent()) {
            return new StepFailedException("TLS with the Docker engine at " + host + " failed (" + tls.get().getMessage()
                    + "): DOCKER_CERT_PATH must hold the CA that signed the engine's certificate as ca.pem, and a "
                    + "client cert.pem and key.pem the engine accepts.", e);
        }
        if (isConnectionFailure(e)) {
            return unreachable(e);
        }
        return e;
    }

    StepFailedException unreachable(Throwable cause) {
        return new StepFailedException("Docker engine not reachable at " + host + ": is dockerd running?", cause);
    }

    private static Optional<SSLException> tlsFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SSLException ssl) {
                return Optional.of(ssl);
            }
        }
        return Optional.empty();
    }

    static boolean isConnectionFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DockerException) {
                return false; // the engine answered, with an error
            }
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException e) {
            // Closing a pool of idle connections: nothing a caller can do about a failure.
        }
    }
}
