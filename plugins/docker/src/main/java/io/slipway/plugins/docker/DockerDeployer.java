package io.slipway.plugins.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerPort;
import io.slipway.plugin.api.ConnectionCheck;
import io.slipway.plugin.api.StepFailedException;
import io.slipway.plugin.api.build.Artifact;
import io.slipway.plugin.api.config.Config;
import io.slipway.plugin.api.config.ConfigSchema;
import io.slipway.plugin.api.config.FieldError;
import io.slipway.plugin.api.deploy.DeployRequest;
import io.slipway.plugin.api.deploy.Deployer;
import io.slipway.plugin.api.deploy.Endpoint;
import io.slipway.plugin.api.deploy.Release;
import io.slipway.plugin.api.step.StepContext;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.pf4j.Extension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each release as one container, its port published on 127.0.0.1 only (the router and the
 * health checkers reach it there). Starting and retiring is all it does: the pipeline keeps the
 * old release serving until the new one is healthy.
 */
@Extension
public final class DockerDeployer implements Deployer {
    private static final Logger LOG = LoggerFactory.getLogger(DockerDeployer.class);

    private final EngineSettings defaults;

    public DockerDeployer() {
        this(EngineSettings.fromEnvironment(System.getenv()));
    }

    DockerDeployer(EngineSettings defaults) {
        this.defaults = Objects.requireNonNull(defaults, "defaults");
    }

    @Override
    public String id() {
        return "docker";
    }

    @Override
    public String displayName() {
        return "Docker container";
    }

    @Override
    public ConfigSchema configSchema() {
        return DeploySettings.SCHEMA;
    }

    @Override
    public List<FieldError> validate(Config config) {
        return DeploySettings.problems(config);
    }

    @Override
    public ConnectionCheck testConnection(Config config) {
        return EngineCheck.test(defaults.forConfig(config));
    }

    @Override
    public Release start(DeployRequest request, StepContext step) {
        DeploySettings settings = settings(request.config());
        Map<String, String> labels = ReleaseLabels.forRelease(request.labels(), request.app(), request.environment(),
                request.deploymentId());
        String image = request.artifact().reference();
        try (DockerEngine engine = DockerEngine.open(defaults.forConfig(request.config()))) {
            step.cancellation().throwIfCancelled();
            // No image or network look-ups first: the create call reports either missing (ContainerLauncher).
            ContainerSpec spec = new ContainerSpec(
                    ReleaseLabels.engineName("slipway", request.app(), request.environment(), request.deploymentId()),
                    image, request.env(), labels, ProjectNetwork.name(request.app(), labels), settings, request.app());
            String id = engine.call(c -> ContainerLauncher.launch(c, spec, step.log()));
            // One look at the started container gives both its published port and its start time.
            InspectContainerResponse started = engine.call(c -> c.inspectContainerCmd(id).exec());
            Endpoint endpoint = ContainerLauncher.endpoint(started, id, settings.port());
            step.log().line("Started container " + spec.name() + " (" + id.substring(0, 12) + ") from " + image
                    + ", port " + settings.port() + " on " + endpoint.host() + ":" + endpoint.port());
            Map<String, String> seen = ReleaseDisruption.withStartTime(started, labels);
            return new Release(id, request.app(), request.environment(), request.deploymentId(),
                    Optional.of(endpoint), seen);
        }
    }

    /** The engine is unreachable, the container is gone, or the engine restarted it since it started. */
    @Override
    public Optional<String> disruption(Release release, Config config) {
        try (DockerEngine engine = DockerEngine.open(defaults.forConfig(config))) {
            return engine.call(c -> ReleaseDisruption.of(c, release));
        } catch (StepFailedException e) {
            return Optional.of(e.getMessage());
        }
    }

    @Override
    public List<Release> list(String app, Config config) {
        DeploySettings settings = settings(config);
        try (DockerEngine engine = DockerEngine.open(defaults.forConfig(config))) {
            List<Container> containers = engine.call(c -> c.listContainersCmd().withShowAll(true)
                    .withLabelFilter(Map.of(ReleaseLabels.APP, app)).exec());
            return containers.stream().map(c -> release(c, app, settings.port())).collect(Collectors.toList());
        }
    }

    /**
     * Stops and removes the release's container, then the app's images past the newest
     * {@code keepImages}: pruning happens here, after the switch and off the path to a new
     * release's first answer, and when the retired release's image just stopped being used.
     */
    @Override
    public void retire(Release release, Config config) {
        DeploySettings settings = settings(config);
        try (DockerEngine engine = DockerEngine.open(defaults.forConfig(config))) {
            engine.call(c -> {
                stopAndRemove(c, release.id(), settings.stopGraceSeconds());
                return null;
            });
            pruneImages(engine, release.app(), settings.keepImages());
        }
    }

    /** The app's images and its own network go; volumes (users' data) and a project's shared network stay. */
    @Override
    public void removeApp(String app, Config config) {
        try (DockerEngine engine = DockerEngine.open(defaults.forConfig(config))) {
            engine.call(c -> {
                // The app's images name its project: its network goes too once no other app uses it.
                Optional<String> project = ProjectNetwork.projectOfImages(c, "slipway/" + app);
                ImageRetention.prune(c, app, 0, "", line -> LOG.info("{}", line));
                ProjectNetwork.removeIfUnused(c, ReleaseLabels.engineName("slipway-app", app));
                project.ifPresent(p -> ProjectNetwork.removeIfUnused(c, ReleaseLabels.engineName("slipway", p)));
                return null;
            });
        }
    }

    @Override
    public boolean artifactExists(Artifact artifact, Config config) {
        try (DockerEngine engine = DockerEngine.open(defaults.forConfig(config))) {
            return engine.call(c -> inspectImage(c, artifact.reference())).isPresent();
        }
    }

    static void stopAndRemove(DockerClient client, String containerId, int graceSeconds) {
        try {
            client.stopContainerCmd(containerId).withTimeout(graceSeconds).exec();
        } catch (NotFoundException gone) {
            return;
        } catch (NotModifiedException alreadyStopped) {
            // Stopped before: remove it below.
        }
        try {
            client.removeContainerCmd(containerId).withForce(true).exec();
        } catch (NotFoundException gone) {
            // Removed meanwhile (or by the engine's auto-remove): the outcome asked for.
        } catch (ConflictException removalInProgress) {
            LOG.debug("Removal of container {} already in progress", containerId);
        }
    }

    private static Optional<InspectImageResponse> inspectImage(DockerClient client, String reference) {
        try {
            return Optional.of(client.inspectImageCmd(reference).exec());
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    private static void pruneImages(DockerEngine engine, String app, int keep) {
        try {
            ImageRetention.prune(engine.client(), app, keep, "", line -> LOG.info("{}", line));
        } catch (RuntimeException e) {
            // Keeping too many images is no reason to fail retiring a release.
            LOG.warn("Image retention for {} failed: {}", app, e.getMessage());
        }
    }

    private static Release release(Container c, String app, int port) {
        Map<String, String> labels = c.getLabels() == null ? Map.of() : c.getLabels();
        Optional<Endpoint> endpoint = c.getPorts() == null ? Optional.empty() : Arrays.stream(c.getPorts())
                .filter(p -> p.getPrivatePort() != null && p.getPrivatePort() == port && p.getPublicPort() != null)
                .filter(p -> "127.0.0.1".equals(p.getIp()))
                .map(ContainerPort::getPublicPort).findFirst().map(p -> new Endpoint("127.0.0.1", p));
        return new Release(c.getId(), app, labels.getOrDefault(ReleaseLabels.ENVIRONMENT, ""),
                labels.getOrDefault(ReleaseLabels.DEPLOYMENT, ""), endpoint, labels);
    }

    private static DeploySettings settings(Config config) {
        List<FieldError> problems = DeploySettings.problems(config);
        if (!problems.isEmpty()) {
            throw new StepFailedException("The Docker deployer's settings are invalid: " + problems.stream()
                    .map(e -> "'" + e.field() + "' " + e.message()).collect(Collectors.joining("; ")));
        }
        return DeploySettings.from(config);
    }
}
