package io.slipway.plugins.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.slipway.plugin.api.ConnectionCheck;
import io.slipway.plugin.api.StepFailedException;
import io.slipway.plugin.api.build.Artifact;
import io.slipway.plugin.api.build.BuildRequest;
import io.slipway.plugin.api.config.Config;
import io.slipway.plugin.api.deploy.DeployRequest;
import io.slipway.plugin.api.deploy.Release;
import io.slipway.plugin.testkit.TestStepContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No engine needed: these point DOCKER_HOST at a socket that does not exist. */
class EngineUnreachableTest {
    private static final String NOWHERE = "unix:///tmp/slipway-no-engine-here/docker.sock";
    private static final String MESSAGE = "Docker engine not reachable at " + NOWHERE + ": is dockerd running?";
    private static final EngineSettings FROM_ENV = EngineSettings.fromEnvironment(Map.of("DOCKER_HOST", NOWHERE));

    @TempDir
    Path source;

    private final BuildSlots slots = new BuildSlots(2, 512, OptionalLong::empty, Duration.ofMillis(50));

    @Test
    void aBuildFailsSayingTheEngineIsNotReachable() throws Exception {
        Files.writeString(source.resolve("Dockerfile"), "FROM slipway-test/busybox:latest\n");
        BuildRequest request = new BuildRequest(DockerfileSettings.SCHEMA.parse(Map.of()), source, "slipway/x:1",
                Map.of(), Map.of());
        TestStepContext step = TestStepContext.withTimeout(Duration.ofSeconds(30));

        StepFailedException e = assertThrows(StepFailedException.class,
                () -> new DockerfileBuilder(FROM_ENV, slots).build(request, step));

        assertEquals(MESSAGE, e.getMessage());
        assertEquals(0, slots.running(), "the build slot is given back");
    }

    @Test
    void theDeployerFailsSayingTheEngineIsNotReachable() {
        DockerDeployer deployer = new DockerDeployer(FROM_ENV);
        Config config = DeploySettings.SCHEMA.parse(Map.of("port", 8080));
        DeployRequest request = new DeployRequest(config, "web", "production", "1", Artifact.of("slipway/web:1"),
                Map.of(), Map.of());
        Release release = new Release("abc", "web", "production", "1", Optional.empty(), Map.of());
        TestStepContext step = TestStepContext.withTimeout(Duration.ofSeconds(30));

        assertEquals(MESSAGE, assertThrows(StepFailedException.class, () -> deployer.start(request, step)).getMessage());
        assertEquals(MESSAGE, assertThrows(StepFailedException.class, () -> deployer.list("web", config)).getMessage());
        assertEquals(MESSAGE, assertThrows(StepFailedException.class, () -> deployer.retire(release, config))
                .getMessage());
        assertEquals(MESSAGE, assertThrows(StepFailedException.class,
                () -> deployer.artifactExists(Artifact.of("slipway/web:1"), config)).getMessage());
    }

    @Test
    void testConnectionFailsWithTheSameMessage() {
        ConnectionCheck check = new DockerDeployer(FROM_ENV).testConnection(
                DeploySettings.SCHEMA.parse(Map.of("port", 8080)));

        assertFalse(check.ok());
        assertEquals(MESSAGE, check.message());
    }

    @Test
    void theExtensionsHostSettingOverridesDockerHost() {
        EngineSettings elsewhere = EngineSettings.fromEnvironment(Map.of("DOCKER_HOST", "unix:///var/run/other.sock"));
        Config config = DockerfileSettings.SCHEMA.parse(Map.of("dockerHost", NOWHERE));

        ConnectionCheck check = new DockerfileBuilder(elsewhere, slots).testConnection(config);

        assertEquals(MESSAGE, check.message());
    }

    @Test
    void readsTheEngineFromTheStandardVariables() {
        assertEquals(new EngineSettings(EngineSettings.DEFAULT_HOST, false, Optional.empty()),
                EngineSettings.fromEnvironment(Map.of()));
        assertEquals(new EngineSettings("tcp://10.0.0.5:2376", true, Optional.of(Path.of("/etc/docker/certs"))),
                EngineSettings.fromEnvironment(Map.of("DOCKER_HOST", "tcp://10.0.0.5:2376", "DOCKER_TLS_VERIFY", "1",
                        "DOCKER_CERT_PATH", "/etc/docker/certs")));
    }
}
