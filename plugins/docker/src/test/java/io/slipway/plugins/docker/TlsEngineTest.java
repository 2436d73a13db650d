package io.slipway.plugins.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.plugin.api.ConnectionCheck;
import io.slipway.plugin.api.StepFailedException;
import io.slipway.plugin.api.config.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** DOCKER_HOST=tcp://... with DOCKER_TLS_VERIFY and DOCKER_CERT_PATH, against a real TLS endpoint. */
class TlsEngineTest {
    @RegisterExtension
    static final DockerTestRun run = DockerTestRun.start();

    @TempDir
    Path certs;
    private TlsEngineProxy proxy;

    @BeforeEach
    void proxy() throws Exception {
        // The private engine listens on a unix socket; the proxy puts TLS with client certificates in front.
        String host = run.settings.host();
        org.junit.jupiter.api.Assumptions.assumeTrue(host.startsWith("unix://"), "needs the engine on a unix socket");
        proxy = TlsEngineProxy.start(Path.of(host.substring("unix://".length())));
    }

    @AfterEach
    void stop() throws Exception {
        if (proxy != null) {
            proxy.close();
        }
    }

    private EngineSettings tls() {
        return EngineSettings.fromEnvironment(Map.of("DOCKER_HOST", proxy.host(), "DOCKER_TLS_VERIFY", "1",
                "DOCKER_CERT_PATH", certs.toString()));
    }

    @Test
    void reachesTheEngineOverTlsWithClientCertificates() throws Exception {
        proxy.writeClientCerts(certs, proxy.ca());

        ConnectionCheck check = new DockerDeployer(tls()).testConnection(new Config(Map.of("port", 8080)));

        assertTrue(check.ok(), check.message());
        assertTrue(check.message().startsWith("Docker "), check.message());
        assertTrue(check.message().endsWith("at " + proxy.host()), check.message());
        try (DockerEngine engine = DockerEngine.open(tls())) {
            assertEquals(run.engine.version().getApiVersion(), engine.version().getApiVersion());
            assertTrue(engine.call(c -> c.inspectImageCmd(DockerTestRun.BASE_IMAGE).exec()).getId() != null);
        }
    }

    @Test
    void aWrongCaFailsNamingTheCertificates() throws Exception {
        proxy.writeClientCerts(certs, TlsEngineProxy.Authority.create("Some other CA"));

        ConnectionCheck check = new DockerfileBuilder(tls(), BuildSlots.shared()).testConnection(new Config(Map.of()));

        assertFalse(check.ok());
        assertTrue(check.message().startsWith("TLS with the Docker engine at " + proxy.host() + " failed"),
                check.message());
        assertTrue(check.message().contains("ca.pem"), check.message());
    }

    @Test
    void missingCertificateFilesFailNamingTheFolder() throws Exception {
        proxy.writeClientCerts(certs, proxy.ca());
        Files.delete(certs.resolve("key.pem"));

        var e = assertThrows(StepFailedException.class, () -> DockerEngine.open(tls()).close());
        ConnectionCheck check = new DockerDeployer(tls()).testConnection(new Config(Map.of("port", 8080)));

        assertTrue(e.getMessage().contains("DOCKER_CERT_PATH " + certs + "): missing key.pem"), e.getMessage());
        assertTrue(e.getMessage().contains("ca.pem, cert.pem and key.pem"), e.getMessage());
        assertFalse(check.ok());
        assertEquals(e.getMessage(), check.message());
    }

    @Test
    void readsTlsSettingsIntoTheEngineSettings() {
        assertEquals(new EngineSettings(proxy.host(), true, Optional.of(certs)), tls());
    }
}
