package io.slipway.plugins.compose;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.SwarmInfo;
import io.slipway.plugin.api.PluginContext;
import io.slipway.plugin.api.StepFailedException;
import io.slipway.plugin.api.build.Artifact;
import io.slipway.plugin.api.config.Config;
import io.slipway.plugin.api.config.ConfigSchema;
import io.slipway.plugin.api.config.FieldError;
import io.slipway.plugin.api.deploy.DeployRequest;
import io.slipway.plugin.api.deploy.Deployer;
import io.slipway.plugin.api.deploy.Endpoint;
import io.slipway.plugin.api.deploy.Release;
import io.slipway.plugin.api.deploy.ServiceReporter;
import io.slipway.plugin.api.deploy.ServiceStatus;
import io.slipway.plugin.api.step.StepContext;
import io.slipway.plugins.docker.EngineAccess;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.pf4j.Extension;

/**
 * Runs a compose stack as one release: on a single engine (containers) or on a Swarm (services).
 * The release answers at the first exposed service:port, published on 127.0.0.1 like the docker
 * deployer's containers, so the pipeline's health check, traffic switch and router work unchanged.
 */
@Extension
public final class ComposeDeployer implements Deployer, ServiceReporter {
    static final String RESOURCES_LABEL = "slipway.compose.resources";
    /** {@code slipway.route.<service>} = {@code host:port}: a further exposed service:port of the release. */
    static final String ROUTE_LABEL = "slipway.route.";
    /** {@code host:port,...}: every replica of the first exposed service, for the router to take in turn. */
    static final String BACKENDS_LABEL = "slipway.backends";

    private final EngineAccess engines;
    private final ReleaseRefs refs;
    private final EnvFileVault vault;

    public ComposeDeployer(PluginContext context) {
        this(EngineAccess.fromEnvironment(), context.dataDir(), new EnvFileVault(context.secrets()));
    }

    ComposeDeployer(EngineAccess engines, Path dataDir, EnvFileVault vault) {
        this.engines = Objects.requireNonNull(engines, "engines");
        this.refs = new ReleaseRefs(dataDir);
        this.vault = Objects.requireNonNull(vault, "vault");
    }

    @Override
    public String id() {
        return "compose";
    }

    @Override
    public String displayName() {
        return "Compose stack";
    }

    @Override
    public ConfigSchema configSchema() {
        return StackSettings.SCHEMA;
    }

    @Override
    public List<FieldError> validate(Config config) {
        return StackSettings.problems(config);
    }

    @Override
    public Release start(DeployRequest request, StepContext step) {
        StackSettings settings = settings(request.config());
        StackArtifact artifact = StackArtifact.from(request.artifact());
        ComposeFile file = ComposeParser.parse(artifact.composeFile(), request.env(), true,
                p -> Optional.ofNullable(artifact.envFileRefs().get(p)).map(r -> vault.open(p, r)));
        Safety.check(file, artifact.allowed());
        file.warnings().forEach(w -> step.log().line("Warning: " + w));
        for (StackSettings.Exposure e : settings.exposed()) {
            if (!file.services().containsKey(e.service())) {
                throw new InvalidComposeException("expose", "The exposed service '" + e.service() + "' is not in the "
                        + "compose file (services: " + String.join(", ", file.services().keySet()) + "): fix the "
                        + "stack's exposed service:port.");
            }
        }
        StackTarget target = StackTarget.of(request.app(), request.environment(), request.deploymentId(), file, artifact,
                settings, step);
        return engines.call(request.config(), c -> {
            boolean swarm = useSwarm(c, settings);
            step.log().line("Deploying stack " + target.stack() + " (" + file.services().size() + " services) on "
                    + (swarm ? "Swarm" : "the engine") + " at " + engines.host(request.config()));
            StackRun run = swarm ? SwarmStack.up(c, target) : EngineStack.up(c, target);
            ReleaseRefs.Entry entry = new ReleaseRefs.Entry(request.app(), request.environment(),
                    request.deploymentId(), target.stack(), swarm ? "swarm" : "engine",
                    Optional.of(run.endpoint().host() + ":" + run.endpoint().port()), run.resources());
            refs.write(entry);
            Map<String, String> labels = new HashMap<>(request.labels());
            labels.putAll(target.labels());
            labels.put(RESOURCES_LABEL, String.join(",", run.resources()));
            labels.putAll(StackInspection.describe(file, artifact));
            // Further exposed services, for the router to answer at <service>.<app host> (see ROUTE_LABEL).
            run.extra().forEach((service, e) -> labels.put(ROUTE_LABEL + service, run.replicasOf(service, e)));
            String main = settings.exposed().get(0).service();
            if (run.replicas().containsKey(main)) {
                labels.put(BACKENDS_LABEL, run.replicasOf(main, run.endpoint()));
            }
            step.log().line("Stack up; " + settings.exposed().get(0) + " answers at " + run.endpoint().host() + ":"
                    + run.endpoint().port());
            return new Release(entry.releaseId(), request.app(), request.environment(), request.deploymentId(),
                    Optional.of(run.endpoint()), labels);
        });
    }

    private static boolean useSwarm(DockerClient c, StackSettings settings) {
        if (settings.mode().equals("engine")) {
            return false;
        }
        SwarmInfo swarm = c.infoCmd().exec().getSwarm();
        boolean manager = swarm != null && Boolean.TRUE.equals(swarm.getControlAvailable());
        if (settings.mode().equals("swarm") && !manager) {
            throw new StepFailedException("The stack asks for Swarm mode, but the Docker engine is not a Swarm manager:"
                    + " run `docker swarm init` there, point the stack at a manager, or set mode to auto.");
        }
        return manager;
    }

    @Override
    public List<Release> list(String app, Config config) {
        List<Release> releases = new ArrayList<>();
        Set<String> known = new HashSet<>();
        for (ReleaseRefs.Entry e : refs.of(app)) {
            known.addAll(e.resources());
            releases.add(new Release(e.releaseId(), app, e.environment(), e.deploymentId(), e.endpoint().map(
                    ComposeDeployer::endpoint), Map.of(RESOURCES_LABEL, String.join(",", e.resources()))));
        }
        // Containers no recorded release uses: left by an attempt interrupted before it recorded them.
        List<Container> labelled = engines.call(config, c -> c.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(EngineAccess.APP_LABEL, app)).exec());
        for (Container c : labelled) {
            Map<String, String> labels = c.getLabels() == null ? Map.of() : c.getLabels();
            if (labels.containsKey(ContainerLabels.SERVICE) && !known.contains("container:" + c.getId())) {
                releases.add(new Release("container:" + c.getId(), app,
                        labels.getOrDefault(EngineAccess.ENVIRONMENT_LABEL, ""),
                        labels.getOrDefault(EngineAccess.DEPLOYMENT_LABEL, ""), Optional.empty(), labels));
            }
        }
        return releases;
    }

    @Override
    public void retire(Release release, Config config) {
        StackSettings settings = StackSettings.from(config);
        List<String> own;
        if (release.id().startsWith("container:")) {
            own = List.of(release.id());
        } else {
            own = refs.find(release.app(), release.environment(), release.deploymentId())
                    .map(ReleaseRefs.Entry::resources)
                    .orElseGet(() -> List.of(release.labels().getOrDefault(RESOURCES_LABEL, "").split(",")));
            refs.delete(release.app(), release.environment(), release.deploymentId());
        }
        Set<String> stillUsed = refs.of(release.app()).stream().flatMap(e -> e.resources().stream())
                .collect(Collectors.toSet());
        engines.call(config, c -> {
            for (String r : own) {
                if (stillUsed.contains(r)) {
                    continue;
                }
                if (r.startsWith("container:")) {
                    EngineStack.removeContainer(c, r.substring("container:".length()), settings.stopGraceSeconds());
                } else if (r.startsWith("service:")) {
                    SwarmStack.removeService(c, r.substring("service:".length()));
                }
            }
            String stack = EngineAccess.engineName("slipway", release.app(), release.environment())
                    .toLowerCase(java.util.Locale.ROOT);
            if (refs.of(release.app()).stream().noneMatch(e -> e.environment().equals(release.environment()))) {
                Map<String, String> stackLabels = ContainerLabels.stack(release.app(), release.environment(), stack);
                if (own.stream().anyMatch(r -> r.startsWith("service:"))) {
                    SwarmStack.awaitTasksGone(c, stackLabels);
                }
                EngineStack.removeNetworksIfUnused(c, stackLabels);
            }
            return null;
        });
    }

    /** Images built for the stack go; named volumes (users' data) only when the stack's settings ask. */
    @Override
    public void removeApp(String app, Config config) {
        StackSettings settings = StackSettings.from(config);
        engines.call(config, c -> {
            Map<String, String> mine = Map.of(EngineAccess.APP_LABEL, app);
            c.listContainersCmd().withShowAll(true).withLabelFilter(mine).exec().stream()
                    .filter(x -> x.getLabels() != null && x.getLabels().containsKey(ContainerLabels.SERVICE))
                    .forEach(x -> EngineAccess.stopAndRemove(c, x.getId(), 0));
            SwarmStack.removeAll(c, app);
            c.listNetworksCmd().withFilter("label", List.of(EngineAccess.APP_LABEL + "=" + app)).exec().stream()
                    .filter(n -> n.getLabels() != null && n.getLabels().containsKey(ContainerLabels.STACK))
                    .forEach(n -> EngineStack.removeNetwork(c, n.getId()));
            c.listImagesCmd().withLabelFilter(mine).exec().stream()
                    .filter(i -> i.getLabels() != null && i.getLabels().containsKey(ContainerLabels.SERVICE))
                    .forEach(i -> quietly(() -> c.removeImageCmd(i.getId()).withForce(true).exec()));
            if (settings.removeVolumes()) {
                c.listVolumesCmd().withFilter("label", List.of(EngineAccess.APP_LABEL + "=" + app)).exec()
                        .getVolumes().stream().filter(v -> v.getLabels() != null
                                && v.getLabels().containsKey(ContainerLabels.STACK))
                        .forEach(v -> quietly(() -> c.removeVolumeCmd(v.getName()).exec()));
            }
            return null;
        });
        refs.deleteApp(app);
    }

    @Override
    public boolean artifactExists(Artifact artifact, Config config) {
        StackArtifact stack;
        try {
            stack = StackArtifact.from(artifact);
        } catch (StepFailedException e) {
            return false;
        }
        return engines.call(config, c -> stack.builtImages().values().stream().allMatch(image -> {
            try {
                c.inspectImageCmd(image).exec();
                return true;
            } catch (NotFoundException e) {
                return false;
            }
        }));
    }

    @Override
    public List<ServiceStatus> services(Release release, Config config) {
        return engines.call(config, c -> StackInspection.services(c, release));
    }

    @Override
    public List<String> serviceLogs(Release release, Config config, String service, int lines) {
        return engines.call(config, c -> StackInspection.logs(c, release, service, lines));
    }

    private static Endpoint endpoint(String text) {
        int colon = text.lastIndexOf(':');
        return new Endpoint(text.substring(0, colon), Integer.parseInt(text.substring(colon + 1)));
    }

    private static void quietly(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            // In use or gone: what is left shows on the engine with the app's label.
        }
    }

    private static StackSettings settings(Config config) {
        List<FieldError> problems = StackSettings.problems(config);
        if (!problems.isEmpty()) {
            throw new StepFailedException("The compose deployer's settings are invalid: " + problems.stream()
                    .map(e -> "'" + e.field() + "' " + e.message()).collect(Collectors.joining("; ")));
        }
        return StackSettings.from(config);
    }
}
