package io.slipway.plugins.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Image;
import io.slipway.plugin.api.build.BuildRequest;
import io.slipway.plugin.api.config.Config;
import io.slipway.plugin.testkit.RequiresExternal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One test class's use of the real Docker engine at DOCKER_HOST: skips (or fails in CI) when no
 * engine answers, names and labels everything with a run id ({@code io.slipway.test=<id>}), and
 * removes by that label whatever the tests created.
 *
 * <p>Registered as a JUnit extension it does the rest: each test first calls {@link #require()},
 * and the class's leftovers are removed after its last test.
 *
 * <pre>{@code
 * @RegisterExtension static final DockerTestRun run = DockerTestRun.start();
 * }</pre>
 */
final class DockerTestRun implements AutoCloseable, BeforeEachCallback, AfterAllCallback {
    static final String BASE_IMAGE = "slipway-test/busybox:latest";
    static final String TEST_LABEL = "io.slipway.test";

    final String id = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    final EngineSettings settings;
    final DockerEngine engine;

    private final Optional<String> missing;

    private DockerTestRun(EngineSettings settings, DockerEngine engine, Optional<String> missing) {
        this.settings = settings;
        this.engine = engine;
        this.missing = missing;
    }

    /**
     * Connects to the engine at DOCKER_HOST. When none answers, every test then calling
     * {@link #require()} is skipped with the reason (or failed in CI), one by one, so the
     * report shows each skipped test and why.
     */
    static DockerTestRun start() {
        EngineSettings settings = EngineSettings.fromEnvironment(System.getenv());
        DockerEngine engine = DockerEngine.open(settings);
        try {
            engine.client().inspectImageCmd(BASE_IMAGE).exec();
            return new DockerTestRun(settings, engine, Optional.empty());
        } catch (RuntimeException e) {
            engine.close();
            String reason = DockerEngine.isConnectionFailure(e)
                    ? "A Docker engine at " + settings.host()
                    : "The image " + BASE_IMAGE + " on the Docker engine at " + settings.host();
            System.err.println("[docker tests] " + reason + " is not available: Docker tests are skipped"
                    + " (they fail when CI is set). Fix: source .ci/test-env.sh");
            return new DockerTestRun(settings, engine, Optional.of(reason));
        }
    }

    /** Call first in each test (a {@code @BeforeEach}): skips it, or fails it in CI, without an engine. */
    void require() {
        RequiresExternal.require(missing.orElse("A Docker engine"), missing.isEmpty(),
                "run: source .ci/test-env.sh (it starts one and exports DOCKER_HOST)");
    }

    DockerClient client() {
        return engine.client();
    }

    /** An app name unique to this run (image repositories must be lower case). */
    String app(String name) {
        return "dt" + id + "-" + name;
    }

    Map<String, String> labels(String app, String deployment) {
        Map<String, String> labels = new HashMap<>();
        labels.put(TEST_LABEL, id);
        labels.put(ReleaseLabels.APP, app);
        labels.put(ReleaseLabels.ENVIRONMENT, "production");
        labels.put(ReleaseLabels.DEPLOYMENT, deployment);
        labels.put("slipway.revision", "abc123");
        labels.put("slipway.project", "dt" + id);
        return labels;
    }

    /**
     * Writes a Dockerfile (a test label added after each FROM, so even the intermediate images of
     * a failed or cancelled build can be found and removed) and extra files into {@code dir}.
     */
    Path source(Path dir, String dockerfilePath, String dockerfile, Map<String, String> files) throws IOException {
        StringBuilder text = new StringBuilder();
        for (String line : dockerfile.split("\n")) {
            text.append(line).append('\n');
            if (line.startsWith("FROM ")) {
                text.append("LABEL ").append(TEST_LABEL).append('=').append(id).append('\n');
            }
        }
        Path file = dir.resolve(dockerfilePath);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path p = dir.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, f.getValue());
        }
        return dir;
    }

    BuildRequest buildRequest(Path source, Config config, String app, String deployment, Map<String, String> env) {
        return new BuildRequest(config, source, "slipway/" + app + ":" + deployment, env, labels(app, deployment));
    }

    List<Container> containers() {
        return client().listContainersCmd().withShowAll(true).withLabelFilter(Map.of(TEST_LABEL, id)).exec();
    }

    List<Image> images() {
        return client().listImagesCmd().withShowAll(true).withLabelFilter(Map.of(TEST_LABEL, id)).exec();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        require();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        if (missing.isPresent()) {
            return; // nothing was created; the engine was closed when it did not answer
        }
        try {
            for (Container c : containers()) {
                quietly(() -> client().removeContainerCmd(c.getId()).withForce(true).withRemoveVolumes(true).exec());
            }
            // Children before parents: repeat until every labelled image is gone.
            for (int round = 0; round < 5 && !images().isEmpty(); round++) {
                for (Image i : images()) {
                    try {
                        client().removeImageCmd(i.getId()).withForce(true).exec();
                    } catch (RuntimeException parentOrGone) {
                        // A parent of another labelled image, or removed with its child: next round.
                    }
                }
            }
            images().forEach(i -> System.err.println("test clean-up: image " + i.getId() + " could not be removed"));
            client().listNetworksCmd().exec().stream()
                    .filter(n -> n.getLabels() != null && id.equals(n.getLabels().get(TEST_LABEL)))
                    .forEach(n -> quietly(() -> client().removeNetworkCmd(n.getId()).exec()));
            client().listVolumesCmd().withFilter("label", List.of(TEST_LABEL + "=" + id)).exec().getVolumes()
                    .forEach(v -> quietly(() -> client().removeVolumeCmd(v.getName()).exec()));
        } finally {
            engine.close();
        }
    }

    private static void quietly(Runnable cleanup) {
        try {
            cleanup.run();
        } catch (RuntimeException e) {
            System.err.println("test clean-up: " + e.getMessage());
        }
    }
}
