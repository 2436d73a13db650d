package io.slipway.plugins.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.model.Image;
import io.slipway.plugin.api.StepFailedException;
import io.slipway.plugin.api.build.Artifact;
import io.slipway.plugin.api.build.BuildRequest;
import io.slipway.plugin.api.config.Config;
import io.slipway.plugin.testkit.TestStepContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComposeBuilderTest {
    @TempDir
    Path source;
    private final MemorySecrets secrets = new MemorySecrets();

    private BuildRequest request(Map<String, Object> settings) {
        ComposeBuilder builder = StackFixture.builder(secrets);
        Config config = builder.configSchema().parse(settings);
        return new BuildRequest(config, source, "slipway/cb:1", Map.of(), Map.of());
    }

    @Test
    void pastedFileCannotBuildFromAMissingFolder() {
        BuildRequest r = request(Map.of("content", "services:\n  web: {build: web}\n"));
        InvalidComposeException e = assertThrows(InvalidComposeException.class,
                () -> StackFixture.builder(secrets).build(r, StackFixture.step()));
        assertTrue(e.getMessage().contains("a pasted compose file can only use ready images"), e.getMessage());
    }

    @Test
    void refusesComposeFileOutsideTheSource() {
        BuildRequest r = request(Map.of("file", "../../etc/compose.yaml"));
        assertThrows(InvalidComposeException.class, () -> StackFixture.builder(secrets).build(r, StackFixture.step()));
    }

    @Test
    void keepsEnvFileContentsOutOfTheArtifact() throws Exception {
        Files.writeString(source.resolve("compose.yaml"), "services:\n  web: {image: x, env_file: [web.env]}\n");
        Files.writeString(source.resolve("web.env"), "# comment\nMODE=\"prod-secret-mode\"\n");
        Artifact artifact = StackFixture.builder(secrets).build(request(Map.of()), StackFixture.step());
        assertTrue(artifact.metadata().values().stream().noneMatch(v -> v.contains("prod-secret-mode")),
                artifact.metadata()::toString);
        StackArtifact a = StackArtifact.from(artifact);
        EnvFileVault vault = new EnvFileVault(secrets);
        ComposeFile file = ComposeParser.parse(a.composeFile(), Map.of(), true,
                p -> java.util.Optional.ofNullable(a.envFileRefs().get(p)).map(r -> vault.open(p, r)));
        assertEquals("prod-secret-mode", file.services().get("web").environment().get("MODE"));
    }

    @Test
    void failsClearlyWhenAnEnvFileIsNoLongerStored() throws Exception {
        Files.writeString(source.resolve("compose.yaml"), "services:\n  web: {image: x, env_file: [web.env]}\n");
        Files.writeString(source.resolve("web.env"), "MODE=prod\n");
        StackArtifact a = StackArtifact.from(StackFixture.builder(secrets).build(request(Map.of()), StackFixture.step()));
        secrets.values.clear();
        StepFailedException e = assertThrows(StepFailedException.class,
                () -> new EnvFileVault(secrets).open("web.env", a.envFileRefs().get("web.env")));
        assertTrue(e.getMessage().contains("deploy the stack again from its source"), e.getMessage());
    }

    @Test
    void refusesEnvFileContentsStoredInAnOlderArtifact() {
        StackArtifact a = StackArtifact.from(new Artifact("slipway/cb:0", Map.of("compose.file",
                "services:\n  web: {image: x, env_file: [web.env]}\n", "envfile.web.env", "MODE=prod\n")));
        StepFailedException e = assertThrows(StepFailedException.class,
                () -> new EnvFileVault(secrets).open("web.env", a.envFileRefs().get("web.env")));
        assertTrue(e.getMessage().contains("stored by an older Slipway"), e.getMessage());
    }

    @Test
    void keepsTheNewestImageTagsOfAService() throws Exception {
        StackFixture stack = new StackFixture(source, "engine");
        stack.require();
        String repository = "slipway/" + stack.app + "-web";
        try {
            IntStream.rangeClosed(1, 7).forEach(i -> stack.call(c -> {
                c.tagImageCmd(StackFixture.BASE, repository, String.valueOf(i)).exec();
                return null;
            }));
            TestStepContext step = StackFixture.step();
            new ImageRetention(stack.engines, 5).prune(Config.empty(), repository, step);
            assertEquals(List.of("3", "4", "5", "6", "7"), tags(stack, repository));
        } finally {
            for (String t : tags(stack, repository)) {
                stack.call(c -> {
                    c.removeImageCmd(repository + ":" + t).exec();
                    return null;
                });
            }
        }
    }

    private static List<String> tags(StackFixture stack, String repository) {
        List<Image> images = stack.call(c -> c.listImagesCmd().withReferenceFilter(repository).exec());
        return images.stream().flatMap(i -> Arrays.stream(i.getRepoTags())).filter(t -> t.startsWith(repository + ":"))
                .map(t -> t.substring(repository.length() + 1)).sorted().toList();
    }
}
