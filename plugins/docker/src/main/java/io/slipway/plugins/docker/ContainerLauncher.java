package io.slipway.plugins.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.RestartPolicy;
import com.github.dockerjava.api.model.Volume;
import io.slipway.plugin.api.StepFailedException;
import io.slipway.plugin.api.deploy.Endpoint;
import io.slipway.plugin.api.step.DeploymentLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Creates and starts one release's container, and reads back where its port was published. */
final class ContainerLauncher {
    static final String LOOPBACK = "127.0.0.1";

    private ContainerLauncher() {
    }

    /**
     * Creates and starts the container in as few engine calls as the usual case needs (create,
     * start): a missing project network (the engine says so when starting), a container of the
     * same name left by an interrupted attempt and a missing image (when creating) are found by
     * a call failing, then handled.
     *
     * @return the started container's id
     */
    static String launch(DockerClient client, ContainerSpec spec, DeploymentLog log) {
        List<Bind> binds = new ArrayList<>();
        for (VolumeMount mount : spec.settings().volumes()) {
            String volume = ensureVolume(client, mount.volumeName(spec.app()), spec.labels());
            binds.add(new Bind(volume, new Volume(mount.path())));
        }
        String id = create(client, spec, binds, log);
        if (!start(client, spec, id)) {
            ProjectNetwork.ensure(client, spec.network(), spec.labels());
            id = create(client, spec, binds, log);
            if (!start(client, spec, id)) {
                throw new StepFailedException("Container " + spec.name() + " did not start: the network "
                        + spec.network() + " is missing on the engine, and could not be made.");
            }
        }
        return id;
    }

    /**
     * Starts the created container; false (and the container removed) when its network is
     * missing. The engine says so with a 404, or a 500 "could not attach ... not found".
     */
    private static boolean start(DockerClient client, ContainerSpec spec, String id) {
        try {
            client.startContainerCmd(id).exec();
            return true;
        } catch (DockerException e) {
            // A container that never started is no release: leave nothing behind.
            DockerDeployer.stopAndRemove(client, id, 0);
            if (networkMissing(e)) {
                return false;
            }
            throw new StepFailedException("Container " + spec.name() + " did not start: " + e.getMessage(), e);
        }
    }

    private static String create(DockerClient client, ContainerSpec spec, List<Bind> binds, DeploymentLog log) {
        try {
            return createCmd(client, spec, binds).exec().getId();
        } catch (NotFoundException e) {
            throw imageMissing(client, spec, e);
        } catch (ConflictException e) {
            removeLeftover(client, spec.name(), log);
            return createCmd(client, spec, binds).exec().getId();
        }
    }

    private static CreateContainerCmd createCmd(DockerClient client, ContainerSpec spec, List<Bind> binds) {
        ExposedPort port = ExposedPort.tcp(spec.settings().port());
        HostConfig host = HostConfig.newHostConfig()
                .withRestartPolicy(RestartPolicy.parse(spec.settings().restartPolicy()))
                .withMemory(spec.settings().memoryBytes())
                .withNanoCPUs(spec.settings().nanoCpus())
                // Empty host port: the engine picks a free one, on loopback only.
                .withPortBindings(new Ports(port, Ports.Binding.bindIp(LOOPBACK)))
                .withBinds(binds)
                .withNetworkMode(spec.network());
        List<String> env = spec.env().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
        return client.createContainerCmd(spec.image())
                .withName(spec.name())
                .withEnv(env)
                .withLabels(spec.labels())
                .withExposedPorts(port)
                .withHostConfig(host);
    }

    static boolean networkMissing(DockerException e) {
        String m = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        return m.contains("network") && m.contains("not found");
    }

    private static RuntimeException imageMissing(DockerClient client, ContainerSpec spec, NotFoundException e) {
        try {
            client.inspectImageCmd(spec.image()).exec();
            return e; // the image is there: something else is missing, the engine's message says what
        } catch (NotFoundException gone) {
            return new StepFailedException("Image " + spec.image() + " is not on the Docker engine: it was removed; "
                    + "deploy a new build instead.", e);
        }
    }

    static Endpoint endpoint(DockerClient client, String id, int containerPort) {
        InspectContainerResponse info = client.inspectContainerCmd(id).exec();
        Map<ExposedPort, Ports.Binding[]> bindings = info.getNetworkSettings().getPorts().getBindings();
        Ports.Binding[] published = bindings.get(ExposedPort.tcp(containerPort));
        if (published != null) {
            for (Ports.Binding b : published) {
                if (LOOPBACK.equals(b.getHostIp()) && b.getHostPortSpec() != null && !b.getHostPortSpec().isEmpty()) {
                    return new Endpoint(LOOPBACK, Integer.parseInt(b.getHostPortSpec()));
                }
            }
        }
        throw new StepFailedException("Container " + id.substring(0, 12) + " has no port published for "
                + containerPort + " (is it still running? see `docker logs`)");
    }

    /** A container of the same name left by an interrupted attempt of this deployment is replaced. */
    private static void removeLeftover(DockerClient client, String name, DeploymentLog log) {
        try {
            InspectContainerResponse old = client.inspectContainerCmd(name).exec();
            log.line("Replacing container " + name + " left by an earlier attempt");
            DockerDeployer.stopAndRemove(client, old.getId(), 0);
        } catch (NotFoundException none) {
            // Removed meanwhile: the name is free.
        }
    }

    private static String ensureVolume(DockerClient client, String name, Map<String, String> labels) {
        try {
            client.inspectVolumeCmd(name).exec();
        } catch (NotFoundException missing) {
            Map<String, String> volumeLabels = new java.util.HashMap<>(labels);
            volumeLabels.remove(ReleaseLabels.DEPLOYMENT); // outlives the release that created it
            volumeLabels.remove(ReleaseLabels.ENVIRONMENT);
            client.createVolumeCmd().withName(name).withLabels(volumeLabels).exec();
        }
        return name;
    }
}
