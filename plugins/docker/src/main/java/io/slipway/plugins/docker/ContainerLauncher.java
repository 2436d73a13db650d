package io.slipway.plugins.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
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
import java.util.Map;

/** Creates and starts one release's container, and reads back where its port was published. */
final class ContainerLauncher {
    static final String LOOPBACK = "127.0.0.1";

    private ContainerLauncher() {
    }

    /** @return the started container's id */
    static String launch(DockerClient client, ContainerSpec spec, DeploymentLog log) {
        removeLeftover(client, spec.name(), log);
        List<Bind> binds = new ArrayList<>();
        for (VolumeMount mount : spec.settings().volumes()) {
            String volume = ensureVolume(client, mount.volumeName(spec.app()), spec.labels());
            binds.add(new Bind(volume, new Volume(mount.path())));
        }
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
        String id = client.createContainerCmd(spec.image())
                .withName(spec.name())
                .withEnv(env)
                .withLabels(spec.labels())
                .withExposedPorts(port)
                .withHostConfig(host)
                .exec().getId();
        try {
            client.startContainerCmd(id).exec();
        } catch (DockerException e) {
            // A container that never started is no release: leave nothing behind.
            DockerDeployer.stopAndRemove(client, id, 0);
            throw new StepFailedException("Container " + spec.name() + " did not start: " + e.getMessage(), e);
        }
        return id;
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
            // The usual case.
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
