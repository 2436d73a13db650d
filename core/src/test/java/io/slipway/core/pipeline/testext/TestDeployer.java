package io.slipway.core.pipeline.testext;

import io.slipway.plugin.api.build.Artifact;
import io.slipway.plugin.api.config.Config;
import io.slipway.plugin.api.config.ConfigSchema;
import io.slipway.plugin.api.deploy.DeployRequest;
import io.slipway.plugin.api.deploy.Deployer;
import io.slipway.plugin.api.deploy.Endpoint;
import io.slipway.plugin.api.deploy.Release;
import io.slipway.plugin.api.step.StepContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.pf4j.Extension;

/**
 * A deployer whose releases are files {@code <dir>/releases/<app>~<env>~<deployment>}, so they
 * survive a crash like containers do. An artifact is "gone" once {@code <dir>/gone/<deployment>}
 * exists.
 */
@Extension
public final class TestDeployer implements Deployer {
    @Override
    public String id() {
        return "test-deployer";
    }

    @Override
    public String displayName() {
        return "Test deployer";
    }

    @Override
    public ConfigSchema configSchema() {
        return TestBehaviour.schema();
    }

    @Override
    public Release start(DeployRequest request, StepContext step) {
        Path file = releases(request.config()).resolve(request.app() + "~" + request.environment() + "~"
                + request.deploymentId());
        TestBehaviour.touch(file);
        TestBehaviour.perform("DEPLOYING", request.config(), step);
        return release(file.getFileName().toString());
    }

    @Override
    public List<Release> list(String app, Config config) {
        List<Release> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(releases(config))) {
            files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith(app + "~")).sorted()
                    .forEach(n -> out.add(release(n)));
        } catch (java.nio.file.NoSuchFileException e) {
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    @Override
    public void retire(Release release, Config config) {
        try {
            Files.deleteIfExists(releases(config).resolve(release.id()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public boolean artifactExists(Artifact artifact, Config config) {
        String deployment = artifact.reference().substring(artifact.reference().lastIndexOf(':') + 1);
        return !Files.exists(Path.of(config.require("dir")).resolve("gone").resolve(deployment));
    }

    private static Release release(String id) {
        String[] p = id.split("~");
        return new Release(id, p[0], p[1], p[2], Optional.of(new Endpoint("127.0.0.1", 9)),
                Map.of("slipway.deployment", p[2]));
    }

    static Path releases(Config config) {
        return Path.of(config.require("dir")).resolve("releases");
    }
}
