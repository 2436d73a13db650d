package io.slipway.plugins.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.plugin.api.config.Config;
import io.slipway.plugin.api.config.FieldError;
import io.slipway.plugin.api.config.InvalidConfigException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SettingsTest {

    private static List<FieldError> builderProblems(Map<String, ?> values) {
        return new DockerfileBuilder(EngineSettings.fromEnvironment(Map.of()), BuildSlots.fromEnvironment(Map.of()))
                .validate(DockerfileSettings.SCHEMA.parse(values));
    }

    private static List<FieldError> deployerProblems(Map<String, ?> values) {
        return new DockerDeployer(EngineSettings.fromEnvironment(Map.of()))
                .validate(DeploySettings.SCHEMA.parse(values));
    }

    @Test
    void builderDefaultsBuildTheDockerfileAtTheRoot() {
        Config config = DockerfileSettings.SCHEMA.parse(Map.of());
        assertEquals(new DockerfileSettings("Dockerfile", ".", Optional.empty(), false, 2048, 1.0),
                DockerfileSettings.from(config));
        assertTrue(builderProblems(Map.of()).isEmpty());
        assertEquals("1024", DockerfileSettings.from(config).cpuShares());
    }

    @Test
    void rejectsAnAbsoluteDockerfilePath() {
        assertEquals(List.of(new FieldError("dockerfile", "must be relative to the source folder, not absolute")),
                builderProblems(Map.of("dockerfile", "/etc/passwd")));
    }

    @Test
    void rejectsDotDotInPaths() {
        assertEquals(List.of(new FieldError("context", "must not contain '..'")),
                builderProblems(Map.of("context", "app/../..")));
        assertEquals(List.of(new FieldError("dockerfile", "must not contain '..'")),
                builderProblems(Map.of("dockerfile", "../Dockerfile")));
    }

    @Test
    void rejectsADockerfileOutsideTheContext() {
        assertEquals(List.of(new FieldError("dockerfile", "must be inside the context folder 'app'")),
                builderProblems(Map.of("dockerfile", "Dockerfile", "context", "app")));
        assertTrue(builderProblems(Map.of("dockerfile", "app/Dockerfile", "context", "app")).isEmpty());
    }

    @Test
    void rejectsBuildLimitsOutOfRange() {
        assertEquals(List.of(new FieldError("memoryMb", "must be between 64 and 1048576"),
                new FieldError("cpus", "must be between 0.1 and 256")),
                builderProblems(Map.of("memoryMb", 10, "cpus", 0)));
    }

    @Test
    void rejectsATargetThatIsNoStageName() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> DockerfileSettings.SCHEMA.parse(Map.of("target", "a b")));
        assertEquals("target", e.errors().get(0).field());
    }

    @Test
    void rejectsADockerHostThatIsNoUrl() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> DeploySettings.SCHEMA.parse(Map.of("port", 80, "dockerHost", "/var/run/docker.sock")));
        assertEquals("dockerHost", e.errors().get(0).field());
    }

    @Test
    void deployerNeedsAPort() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> DeploySettings.SCHEMA.parse(Map.of()));
        assertEquals(List.of(new FieldError("port", "is required")), e.errors());
        assertEquals(List.of(new FieldError("port", "must be a whole number between 1 and 65535")),
                deployerProblems(Map.of("port", 70000)));
        assertEquals(List.of(new FieldError("port", "must be a whole number between 1 and 65535")),
                deployerProblems(Map.of("port", 80.5)));
    }

    @Test
    void deployerDefaults() {
        DeploySettings s = DeploySettings.from(DeploySettings.SCHEMA.parse(Map.of("port", 8080)));
        assertEquals(new DeploySettings(8080, "unless-stopped", 1024, 1.0, List.of(), 10, 5), s);
        assertEquals(1_000_000_000L, s.nanoCpus());
    }

    @Test
    void rejectsDeployerNumbersOutOfRange() {
        assertEquals(List.of("stopGraceSeconds", "keepImages", "cpus"),
                deployerProblems(Map.of("port", 80, "stopGraceSeconds", -1, "keepImages", 0, "cpus", 1000)).stream()
                        .map(FieldError::field).toList());
    }

    @Test
    void parsesVolumeLinesSkippingBlanksAndComments() {
        assertEquals(List.of(new VolumeMount("data", "/data"), new VolumeMount("cache", "/var/cache")),
                VolumeMount.parseAll("data:/data\n\n# a comment\n  cache : /var/cache  \n"));
        assertEquals("slipway-web-data", new VolumeMount("data", "/data").volumeName("web"));
    }

    @Test
    void rejectsEachKindOfBadVolumeLine() {
        assertEquals(List.of("line 1 ('data') must be name:/path"), VolumeMount.problems("data"));
        assertEquals(List.of("line 1 ('../x:/data') has a bad name: letters, digits, '_', '.', '-', starting with a "
                + "letter or digit"), VolumeMount.problems("../x:/data"));
        assertEquals(List.of("line 1 ('/host:/data') has a bad name: letters, digits, '_', '.', '-', starting with a "
                + "letter or digit"), VolumeMount.problems("/host:/data"));
        assertEquals(List.of("line 1 ('data:relative') needs an absolute path inside the container, like /data"),
                VolumeMount.problems("data:relative"));
        assertEquals(List.of("line 1 ('data:/data:ro') needs an absolute path inside the container, like /data"),
                VolumeMount.problems("data:/data:ro"));
        assertEquals(List.of("line 1 ('data:/') must not mount at / or use '..'"), VolumeMount.problems("data:/"));
        assertEquals(List.of("line 1 ('data:/a/../etc') must not mount at / or use '..'"),
                VolumeMount.problems("data:/a/../etc"));
        assertEquals(List.of("line 2 ('b:/data') mounts /data a second time"), VolumeMount.problems("a:/data\nb:/data"));
        assertEquals(List.of("volumes"), deployerProblems(Map.of("port", 80, "volumes", "nope")).stream()
                .map(FieldError::field).toList());
    }

    @Test
    void makesEngineNamesFromAnyText() {
        assertEquals("slipway-web-production-42", ReleaseLabels.engineName("slipway", "web", "production", "42"));
        assertEquals("slipway-web-st-ge-1", ReleaseLabels.engineName("slipway", "web", "st/ge", "1"));
        assertEquals("x-a", ReleaseLabels.engineName("-a"));
    }

    @Test
    void usesTheProjectNetworkWhenTheProjectIsKnown() {
        assertEquals("slipway-shop", ProjectNetwork.name("web", Map.of("slipway.project", "shop")));
        assertEquals("slipway-shop", ProjectNetwork.name("web", Map.of("io.slipway.project", "shop")));
        assertEquals("slipway-app-web", ProjectNetwork.name("web", Map.of()));
    }
}
