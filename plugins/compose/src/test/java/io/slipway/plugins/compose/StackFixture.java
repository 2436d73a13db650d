package io.slipway.plugins.compose;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import io.slipway.plugin.api.build.Artifact;
import io.slipway.plugin.api.build.BuildRequest;
import io.slipway.plugin.api.config.Config;
import io.slipway.plugin.api.deploy.DeployRequest;
import io.slipway.plugin.api.deploy.Release;
import io.slipway.plugin.testkit.RequiresExternal;
import io.slipway.plugin.testkit.TestStepContext;
import io.slipway.plugins.docker.EngineAccess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * A three-service stack on the real engine at DOCKER_HOST (web -> api healthy -> db started),
 * built from busybox Dockerfiles, with a unique app name per test class; {@link #close()} removes
 * everything labelled with it.
 */
final class StackFixture implements AutoCloseable {
    static final String BASE = "slipway-test/busybox:latest";
    static final String COMPOSE = """
            services:
              web:
                build: { context: web }
                command: ["sh", "-c", "hostname > /www/who.html && exec httpd -f -p 80 -h /www"]
                environment:
                  GREETING: ${GREETING:-hello}
                depends_on:
                  api: { condition: service_healthy }
                deploy:
                  replicas: ${WEB_REPLICAS:-1}
                  update_config: { parallelism: 1, order: start-first }
              api:
                build: { context: api }
                command: ["httpd", "-f", "-p", "8081", "-h", "/www"]
                healthcheck:
                  test: ["CMD", "wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8081/"]
                  interval: 1s
                  timeout: 2s
                  retries: 10
                depends_on: [db]
              db:
                image: slipway-test/busybox:latest
                command: ["sleep", "3600"]
                env_file: [db.env]
                volumes: ["data:/data"]
            volumes:
              data: {}
            """;

    final String app = "ct" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    final EngineAccess engines = EngineAccess.fromEnvironment();
    final Path dataDir;
    final Path source;
    static final String DB_PASSWORD = "from-the-env-file-" + UUID.randomUUID();
    final MemorySecrets secrets = new MemorySecrets();
    final ComposeBuilder builder = builder(secrets);
    final ComposeDeployer deployer;
    final Config deployConfig;

    StackFixture(Path tmp, String mode) throws IOException {
        dataDir = Files.createDirectories(tmp.resolve("data"));
        source = Files.createDirectories(tmp.resolve("src"));
        Files.writeString(source.resolve("compose.yaml"), COMPOSE);
        Files.writeString(source.resolve("db.env"), "DB_PASSWORD=" + DB_PASSWORD + "\n");
        for (String s : List.of("web", "api")) {
            Files.createDirectories(source.resolve(s));
            Files.writeString(source.resolve(s + "/Dockerfile"), "FROM " + BASE + "\nRUN mkdir -p /www && echo "
                    + s + " ok > /www/index.html\n");
        }
        deployer = new ComposeDeployer(engines, dataDir, new EnvFileVault(secrets));
        deployConfig = deployer.configSchema().parse(Map.of("expose", "web:80,api:8081", "mode", mode, "removeVolumes", "true",
                "stopGraceSeconds", "1", "swarmPublish", "host"));
    }

    static ComposeBuilder builder(MemorySecrets secrets) {
        return new ComposeBuilder(new io.slipway.plugins.docker.DockerfileBuilder(),
                new ImageRetention(EngineAccess.fromEnvironment(), ImageRetention.KEEP), new EnvFileVault(secrets));
    }

    /** Skips (or fails in CI) without an engine holding the base image. */
    void require() {
        boolean ok;
        try {
            ok = call(c -> c.inspectImageCmd(BASE).exec() != null);
        } catch (RuntimeException e) {
            ok = false;
        }
        RequiresExternal.require("A Docker engine with " + BASE, ok, "run: source .ci/test-env.sh");
    }

    <T> T call(Function<DockerClient, T> work) {
        return engines.call(Config.empty(), work);
    }

    Artifact build(String deployment, TestStepContext step) {
        Config config = builder.configSchema().parse(Map.of());
        return builder.build(new BuildRequest(config, source, "slipway/" + app + ":" + deployment, Map.of(),
                Map.of(EngineAccess.APP_LABEL, app)), step);
    }

    Release deploy(Artifact artifact, String deployment, Map<String, String> env, TestStepContext step) {
        return deployer.start(new DeployRequest(deployConfig, app, "production", deployment, artifact, env,
                Map.of(EngineAccess.APP_LABEL, app)), step);
    }

    static TestStepContext step() {
        return TestStepContext.withTimeout(Duration.ofSeconds(90));
    }

    List<Container> containers() {
        return call(c -> c.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(EngineAccess.APP_LABEL, app))
                .exec());
    }

    /** Everything still labelled with the app: containers, networks, volumes, images. */
    List<String> leftovers() {
        String label = EngineAccess.APP_LABEL + "=" + app;
        return call(c -> {
            List<String> left = new java.util.ArrayList<>();
            containers().forEach(x -> left.add("container " + x.getNames()[0]));
            c.listNetworksCmd().withFilter("label", List.of(label)).exec().forEach(n -> left.add("network " + n.getName()));
            c.listVolumesCmd().withFilter("label", List.of(label)).exec().getVolumes()
                    .forEach(v -> left.add("volume " + v.getName()));
            c.listImagesCmd().withLabelFilter(Map.of(EngineAccess.APP_LABEL, app)).exec()
                    .forEach(i -> left.add("image " + i.getId()));
            var swarm = c.infoCmd().exec().getSwarm();
            if (swarm == null || !Boolean.TRUE.equals(swarm.getControlAvailable())) {
                return left;
            }
            c.listServicesCmd().withLabelFilter(Map.of(EngineAccess.APP_LABEL, app)).exec()
                    .forEach(s -> left.add("service " + s.getSpec().getName()));
            return left;
        });
    }

    static String get(int port) throws IOException, InterruptedException {
        return get(port, "/");
    }

    static String get(int port, String path) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        IOException last = null;
        for (int i = 0; i < 40; i++) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return r.body();
                }
            } catch (IOException e) {
                last = e;
            }
            Thread.sleep(250);
        }
        throw last != null ? last : new IOException("no 200 from 127.0.0.1:" + port);
    }

    @Override
    public void close() {
        try {
            deployer.removeApp(app, deployConfig);
        } catch (RuntimeException e) {
            System.err.println("test clean-up: " + e.getMessage());
        }
    }
}
