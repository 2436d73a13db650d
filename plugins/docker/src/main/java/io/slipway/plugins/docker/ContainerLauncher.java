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
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Creates and starts one release's container, and reads back where its port was published. */
final class ContainerLauncher {
    static final String LOOPBACK = "127.0.0.1";
    private static final int NETWORK_ATTEMPTS = 3;

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
        for (int attempt = 1; ; attempt++) {
            int hostPort = freeLoopbackPort();
            try {
                return createAndStart(client, spec, binds, hostPort, log);
            } catch (PortTaken e) {
                if (attempt == 3) {
                    throw new StepFailedException("Container " + spec.name() + " did not start: " + e.getMessage(), e);
                }
                log.line("Port " + hostPort + " was taken meanwhile; trying another one.");
            }
        }
    }

    /**
     * Creates and starts the container; while its network is missing or ambiguous, mends the
     * network and tries again. More than once: while servers sharing the engine mend a project's
     * network at the same moment, one's short-lived duplicate can still be there (see
     * {@link ProjectNetwork#ensure}); 50 deployments at once on two servers met that.
     */
    private static String createAndStart(DockerClient client, ContainerSpec spec, List<Bind> binds, int hostPort,
                                         DeploymentLog log) {
        for (int attempt = 1; ; attempt++) {
            String id = create(client, spec, binds, hostPort, log);
            if (start(client, spec, id)) {
                return id;
            }
            if (attempt == NETWORK_ATTEMPTS) {
                throw new StepFailedException("Container " + spec.name() + " did not start: the network "
                        + spec.network() + " is missing on the engine (or ambiguous), and could not be made.");
            }
            ProjectNetwork.ensure(client, spec.network(), spec.labels());
        }
    }

    /**
     * A free port on loopback, chosen here rather than by the engine: a port the engine picks is
     * picked anew whenever the container starts again (the engine's restart brings every container
     * back), and may then not be the one the router sends the release's traffic to. 0 (the engine
     * picks) when none can be had.
     */
    private static int freeLoopbackPort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            return s.getLocalPort();
        } catch (IOException e) {
            return 0;
        }
    }

    /** The chosen host port was taken between choosing and starting. */
    private static final class PortTaken extends RuntimeException {
        PortTaken(String message, Throwable cause) {
            super(message, cause);
        }
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
            String m = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
            if (m.contains("port is already allocated") || m.contains("address already in use")) {
                throw new PortTaken(e.getMessage(), e);
            }
            throw new StepFailedException("Container " + spec.name() + " did not start: " + e.getMessage(), e);
        }
    }

    private static String create(DockerClient client, ContainerSpec spec, List<Bind> binds, int hostPort,
                                 DeploymentLog log) {
        try {
            return createCmd(client, spec, binds, hostPort).exec().getId();
        } catch (NotFoundException e) {
            throw imageMissing(client, spec, e);
        } catch (ConflictException e) {
            removeLeftover(client, spec.name(), log);
            return createCmd(client, spec, binds, hostPort).exec().getId();
        }
    }

    private static CreateContainerCmd createCmd(DockerClient client, ContainerSpec spec, List<Bind> binds, int hostPort) {
        ExposedPort port = ExposedPort.tcp(spec.settings().port());
        HostConfig host = HostConfig.newHostConfig()
                .withRestartPolicy(RestartPolicy.parse(spec.settings().restartPolicy()))
                .withMemory(spec.settings().memoryBytes())
                .withNanoCPUs(spec.settings().nanoCpus())
                // On loopback only; the host port stays the same when the container starts again.
                .withPortBindings(new Ports(port, hostPort > 0 ? Ports.Binding.bindIpAndPort(LOOPBACK, hostPort)
                        : Ports.Binding.bindIp(LOOPBACK)))
                .withBinds(binds)
                .withNetworkMode(spec.network());
        List<String> env = spec.env().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
        return client.createContainerCmd(spec.image())
                .withName(spec.name())
                .withEnv(env)
                .withLabels(spec.labels())
                .withExposedPorts(port)
                // The engine's own stops (its shutdown or restart) give the app the grace it asked for, not 10 s.
                .withStopTimeout(spec.settings().stopGraceSeconds())
                .withHostConfig(host);
    }

    /** The network is missing, or ambiguous (two servers created it at once): {@link ProjectNetwork#ensure} mends both. */
    static boolean networkMissing(DockerException e) {
        String m = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        return m.contains("network") && (m.contains("not found") || m.contains("is ambiguous"));
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

    /** Where {@code info}'s container published {@code containerPort} on loopback. */
    static Endpoint endpoint(InspectContainerResponse info, String id, int containerPort) {
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
