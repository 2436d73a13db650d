package io.slipway.plugins.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Ports;
import io.slipway.plugin.api.StepFailedException;
import io.slipway.plugin.api.build.Artifact;
import io.slipway.plugin.api.config.Config;
import io.slipway.plugin.api.deploy.DeployRequest;
import io.slipway.plugin.api.deploy.Endpoint;
import io.slipway.plugin.api.deploy.Release;
import io.slipway.plugin.testkit.TestStepContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class DockerDeployerTest {
    @RegisterExtension
    static final DockerTestRun run = DockerTestRun.start();
    private static DockerfileBuilder builder;
    private static DockerDeployer deployer;
    @TempDir
    static Path sources;

    @BeforeAll
    static void engine() {
        builder = new DockerfileBuilder(run.settings,
                new BuildSlots(2, 512, () -> OptionalLong.of(100_000), Duration.ofMillis(50)));
        deployer = new DockerDeployer(run.settings);
    }

    static Config config(Map<String, ?> values) {
        return DeploySettings.SCHEMA.parse(values);
    }

    /** Builds {@code slipway/<app>:<deployment>}: busybox httpd answering {@code text} on port 8080. */
    private static Artifact image(String app, String deployment, String text) throws Exception {
        Path dir = Files.createDirectories(sources.resolve(app + "-" + deployment));
        run.source(dir, "Dockerfile", """
                FROM slipway-test/busybox:latest
                COPY index.html /www/
                CMD ["httpd","-f","-p","8080","-h","/www"]""", Map.of("index.html", text));
        return builder.build(run.buildRequest(dir, DockerfileSettings.SCHEMA.parse(Map.of()), app, deployment, Map.of()),
                TestStepContext.withTimeout(Duration.ofMinutes(1)));
    }

    private static DeployRequest request(Config config, String app, String deployment, Artifact artifact,
                                         Map<String, String> env) {
        return new DeployRequest(config, app, "production", deployment, artifact, env, run.labels(app, deployment));
    }

    @Test
    void startsAContainerPublishedOnLoopbackThatAnswersHttp() throws Exception {
        String app = run.app("web");
        Artifact artifact = image(app, "1", "hello from slipway");
        Config config = config(Map.of("port", 8080, "memoryMb", 256, "cpus", 0.5, "restartPolicy", "unless-stopped",
                "volumes", "data:/data\n# comment\n\ncache:/var/cache"));
        TestStepContext step = TestStepContext.withTimeout(Duration.ofMinutes(1));

        Release release = deployer.start(request(config, app, "1", artifact, Map.of("GREETING", "hi there")), step);

        InspectContainerResponse c = run.client().inspectContainerCmd(release.id()).exec();
        assertTrue(c.getState().getRunning());
        assertEquals("/slipway-" + app + "-production-1", c.getName());
        assertEquals(app, c.getConfig().getLabels().get("slipway.app"));
        assertEquals("1", c.getConfig().getLabels().get("slipway.deployment"));
        assertEquals("abc123", c.getConfig().getLabels().get("slipway.revision"));
        assertTrue(List.of(c.getConfig().getEnv()).contains("GREETING=hi there"));
        assertEquals("unless-stopped", c.getHostConfig().getRestartPolicy().getName());
        assertEquals(256L * 1024 * 1024, c.getHostConfig().getMemory());
        assertEquals(500_000_000L, c.getHostConfig().getNanoCPUs());
        assertEquals("slipway-dt" + run.id, c.getHostConfig().getNetworkMode());
        assertTrue(c.getMounts().stream().anyMatch(m -> ("slipway-" + app + "-data").equals(m.getName())
                && "/data".equals(m.getDestination().getPath())), String.valueOf(c.getMounts()));
        Ports.Binding[] bindings = c.getNetworkSettings().getPorts().getBindings().get(ExposedPort.tcp(8080));
        assertEquals(1, bindings.length);
        assertEquals("127.0.0.1", bindings[0].getHostIp());
        assertEquals(c.getNetworkSettings().getPorts().getBindings().size(), 1);
        Endpoint endpoint = release.endpoint().orElseThrow();
        assertEquals(new Endpoint("127.0.0.1", Integer.parseInt(bindings[0].getHostPortSpec())), endpoint);
        assertEquals("hello from slipway", get(endpoint));
    }

    @Test
    void listsReleasesByAppLabelAndRetiresThem() throws Exception {
        String app = run.app("list");
        Artifact artifact = image(app, "1", "list");
        Config config = config(Map.of("port", 8080, "stopGraceSeconds", 1));
        Release first = deployer.start(request(config, app, "1", artifact, Map.of()),
                TestStepContext.withTimeout(Duration.ofMinutes(1)));
        Release second = deployer.start(request(config, app, "2", artifact, Map.of()),
                TestStepContext.withTimeout(Duration.ofMinutes(1)));
        run.client().stopContainerCmd(second.id()).withTimeout(0).exec(); // listed in every state

        List<Release> listed = deployer.list(app, config);

        assertEquals(2, listed.size());
        Release listedFirst = listed.stream().filter(r -> r.id().equals(first.id())).findFirst().orElseThrow();
        assertEquals("production", listedFirst.environment());
        assertEquals("1", listedFirst.deploymentId());
        assertEquals(first.endpoint(), listedFirst.endpoint());
        assertTrue(listed.stream().anyMatch(r -> r.id().equals(second.id()) && r.deploymentId().equals("2")));
        assertTrue(deployer.list(run.app("nothing"), config).isEmpty());

        deployer.retire(first, config);
        deployer.retire(second, config);
        deployer.retire(first, config); // already gone: fine

        assertTrue(deployer.list(app, config).isEmpty());
        assertFalse(containerExists(first.id()));
    }

    @Test
    void reportsAReleaseStartedAgainNotByItsRestartPolicyAndOneThatIsGone() throws Exception {
        String app = run.app("disrupt");
        Artifact artifact = image(app, "1", "disrupt");
        Config config = config(Map.of("port", 8080, "stopGraceSeconds", 1));
        Release release = deployer.start(request(config, app, "1", artifact, Map.of()),
                TestStepContext.withTimeout(Duration.ofMinutes(1)));
        assertEquals(java.util.Optional.empty(), deployer.disruption(release, config));

        // Started again from outside, as an engine restart does to every container.
        run.client().restartContainerCmd(release.id()).withTimeout(0).exec();
        String restarted = deployer.disruption(release, config).orElseThrow();
        assertTrue(restarted.contains("started again") && restarted.contains("engine"), restarted);

        deployer.retire(release, config);
        String gone = deployer.disruption(release, config).orElseThrow();
        assertTrue(gone.contains("gone"), gone);
    }

    @Test
    void removingAnAppRemovesItsImagesAndItsNetwork() throws Exception {
        String app = run.app("gone");
        Artifact artifact = image(app, "1", "gone");
        image(app, "2", "gone-too");
        Config config = config(Map.of("port", 8080, "stopGraceSeconds", 1));
        // No project label: the app gets a network of its own, which goes with it.
        Map<String, String> labels = new java.util.HashMap<>(run.labels(app, "1"));
        labels.remove("slipway.project");
        Release release = deployer.start(new DeployRequest(config, app, "production", "1", artifact, Map.of(), labels),
                TestStepContext.withTimeout(Duration.ofMinutes(1)));
        String network = ReleaseLabels.engineName("slipway-app", app);
        assertTrue(networkExists(network), "the app's network exists while it runs");

        deployer.retire(release, config);
        deployer.removeApp(app, config);

        assertFalse(imageExists(artifact.reference()));
        assertFalse(imageExists("slipway/" + app + ":2"));
        assertFalse(networkExists(network));
        deployer.removeApp(app, config); // nothing left: fine
    }

    @Test
    void tellsWhetherAnArtifactStillExists() throws Exception {
        String app = run.app("exists");
        Artifact artifact = image(app, "1", "x");
        Config config = config(Map.of("port", 8080));

        assertTrue(deployer.artifactExists(artifact, config));
        assertFalse(deployer.artifactExists(Artifact.of("slipway/" + app + ":missing"), config));
    }

    @Test
    void retiringAReleaseKeepsTheNewestImagesAndTheOneRunning() throws Exception {
        String app = run.app("keep");
        Artifact oldest = image(app, "1", "one");
        Artifact second = image(app, "2", "two");
        image(app, "3", "three");
        image(app, "4", "four");
        Config config = config(Map.of("port", 8080, "keepImages", 2, "stopGraceSeconds", 1));
        deployer.start(request(config, app, "1", oldest, Map.of()), TestStepContext.withTimeout(Duration.ofMinutes(1)));
        Release replaced = deployer.start(request(config, app, "2", second, Map.of()),
                TestStepContext.withTimeout(Duration.ofMinutes(1)));
        assertTrue(imageExists(second.reference()), "starting a release removes no image (pruning is off its path)");

        deployer.retire(replaced, config);

        assertTrue(imageExists(oldest.reference()), "running image kept");
        assertFalse(imageExists(second.reference()), "older than the newest 2 and no longer running: removed");
        assertTrue(imageExists("slipway/" + app + ":3"));
        assertTrue(imageExists("slipway/" + app + ":4"));
    }

    @Test
    void newerImagesOfOtherAppsDoNotCountTowardsTheImagesKept() throws Exception {
        String app = run.app("mine");
        Artifact first = image(app, "1", "mine-1");
        Artifact second = image(app, "2", "mine-2");
        String other = run.app("other");
        for (String d : List.of("1", "2", "3")) {
            image(other, d, "other-" + d);
        }
        Config config = config(Map.of("port", 8080, "keepImages", 2, "stopGraceSeconds", 1));
        Release release = deployer.start(request(config, app, "1", first, Map.of()),
                TestStepContext.withTimeout(Duration.ofMinutes(1)));

        deployer.retire(release, config);

        assertTrue(imageExists(first.reference()), "one of the app's newest 2");
        assertTrue(imageExists(second.reference()), "one of the app's newest 2");
    }

    @Test
    void startsIntoAProjectNetworkRemovedMeanwhileAndFailsClearlyForAMissingImage() throws Exception {
        String app = run.app("net");
        Artifact artifact = image(app, "1", "net");
        Config config = config(Map.of("port", 8080, "stopGraceSeconds", 1));
        // No project label: the app's own network, which no other test's container uses.
        Map<String, String> labels = new HashMap<>(run.labels(app, "1"));
        labels.remove("slipway.project");
        Release first = deployer.start(new DeployRequest(config, app, "production", "1", artifact, Map.of(), labels),
                TestStepContext.withTimeout(Duration.ofMinutes(1)));
        String network = ReleaseLabels.engineName("slipway-app", app);
        deployer.retire(first, config);
        run.client().removeNetworkCmd(network).exec();

        Release again = deployer.start(new DeployRequest(config, app, "production", "2", artifact, Map.of(), labels),
                TestStepContext.withTimeout(Duration.ofMinutes(1)));
        assertTrue(networkExists(network), "the network is made again when the create call misses it");
        assertEquals("net", get(again.endpoint().orElseThrow()));

        var e = assertThrows(StepFailedException.class, () -> deployer.start(request(config, app, "3",
                Artifact.of("slipway/" + app + ":missing"), Map.of()), TestStepContext.withTimeout(Duration.ofMinutes(1))));
        assertTrue(e.getMessage().contains("is not on the Docker engine"), e.getMessage());
    }

    @Test
    void replacesAContainerLeftByAnEarlierAttemptOfTheSameDeployment() throws Exception {
        String app = run.app("again");
        Artifact artifact = image(app, "1", "again");
        Config config = config(Map.of("port", 8080));
        Release first = deployer.start(request(config, app, "1", artifact, Map.of()),
                TestStepContext.withTimeout(Duration.ofMinutes(1)));
        TestStepContext step = TestStepContext.withTimeout(Duration.ofMinutes(1));

        Release again = deployer.start(request(config, app, "1", artifact, Map.of()), step);

        assertFalse(containerExists(first.id()));
        assertTrue(containerExists(again.id()));
        assertTrue(step.logged("left by an earlier attempt"));
    }

    @Test
    void testConnectionNamesTheEngine() {
        var check = deployer.testConnection(config(Map.of("port", 8080)));
        assertTrue(check.ok(), check.message());
        assertTrue(check.message().startsWith("Docker "), check.message());
    }

    private static String get(Endpoint endpoint) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI uri = URI.create("http://127.0.0.1:" + endpoint.port() + "/");
        Exception last = null;
        for (int i = 0; i < 50; i++) { // httpd needs a moment after the container starts
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return r.body().strip();
                }
            } catch (java.io.IOException e) {
                last = e;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no HTTP answer at " + uri, last);
    }

    private static boolean containerExists(String id) {
        try {
            run.client().inspectContainerCmd(id).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    private static boolean networkExists(String name) {
        return run.client().listNetworksCmd().withNameFilter(name).exec().stream().anyMatch(n -> name.equals(n.getName()));
    }

    private static boolean imageExists(String tag) {
        try {
            run.client().inspectImageCmd(tag).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }
}
