package io.slipway.plugins.compose;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.Device;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HealthCheck;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.RestartPolicy;
import com.github.dockerjava.api.model.Volume;
import io.slipway.plugins.docker.EngineAccess;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Creates and starts the containers of one service on a single engine, as its spec says. */
final class ContainerFactory {
    static final String LOOPBACK = "127.0.0.1";

    private ContainerFactory() {
    }

    /** @return the started container's id */
    static String start(DockerClient c, StackTarget t, ServiceSpec s, String image, String name,
                        Map<String, String> labels) {
        try {
            EngineAccess.stopAndRemove(c, c.inspectContainerCmd(name).exec().getId(), 0);
        } catch (NotFoundException none) {
            // The usual case: no leftover of an interrupted attempt.
        }
        Set<ExposedPort> exposed = new LinkedHashSet<>();
        Ports bindings = new Ports();
        for (ServiceSpec.PortSpec p : s.ports()) {
            ExposedPort port = p.protocol().equals("udp") ? ExposedPort.udp(p.target()) : ExposedPort.tcp(p.target());
            exposed.add(port);
            // Loopback only, engine-chosen host port: old and new containers run side by side during a redeploy.
            bindings.bind(port, Ports.Binding.bindIp(LOOPBACK));
        }
        for (int p : t.exposedPorts(s)) {
            if (exposed.add(ExposedPort.tcp(p))) {
                bindings.bind(ExposedPort.tcp(p), Ports.Binding.bindIp(LOOPBACK));
            }
        }
        s.expose().forEach(p -> exposed.add(ExposedPort.tcp(p)));
        List<String> networks = t.networksOf(s);
        ServiceSpec.Privileges priv = s.privileges();
        HostConfig host = HostConfig.newHostConfig()
                .withRestartPolicy(RestartPolicy.parse(s.restart().equals("no") ? "no" : s.restart()))
                .withMemory(s.resources().memoryBytes() > 0 ? s.resources().memoryBytes() : null)
                .withNanoCPUs(s.resources().nanoCpus() > 0 ? s.resources().nanoCpus() : null)
                .withPortBindings(bindings)
                .withBinds(binds(t, s))
                .withPrivileged(priv.privileged())
                .withNetworkMode(priv.networkMode().orElse(t.networkName(networks.get(0))));
        priv.pid().ifPresent(host::withPidMode);
        if (!priv.capAdd().isEmpty()) {
            host.withCapAdd(priv.capAdd().stream().map(cap -> Capability.valueOf(cap.replaceFirst("^CAP_", "")))
                    .toArray(Capability[]::new));
        }
        if (!priv.devices().isEmpty()) {
            host.withDevices(priv.devices().stream().map(d -> Device.parse(d.contains(":") ? d : d + ":" + d))
                    .toArray(Device[]::new));
        }
        CreateContainerCmd cmd = c.createContainerCmd(image)
                .withName(name)
                .withLabels(labels)
                .withEnv(s.environment().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())
                .withExposedPorts(new ArrayList<>(exposed))
                .withHostConfig(host);
        if (priv.networkMode().isEmpty()) {
            cmd.withAliases(s.name());
        }
        if (!s.command().isEmpty()) {
            cmd.withCmd(s.command());
        }
        if (!s.entrypoint().isEmpty()) {
            cmd.withEntrypoint(s.entrypoint());
        }
        s.healthcheck().ifPresent(h -> cmd.withHealthcheck(new HealthCheck().withTest(h.test())
                .withInterval(nanos(h.interval())).withTimeout(nanos(h.timeout()))
                .withRetries(h.retries() > 0 ? h.retries() : null).withStartPeriod(nanos(h.startPeriod()))));
        String id = cmd.exec().getId();
        try {
            if (priv.networkMode().isEmpty()) {
                for (String n : networks.subList(1, networks.size())) {
                    c.connectToNetworkCmd().withContainerId(id).withNetworkId(t.networkName(n))
                            .withContainerNetwork(new ContainerNetwork().withAliases(s.name())).exec();
                }
            }
            c.startContainerCmd(id).exec();
        } catch (DockerException e) {
            EngineAccess.stopAndRemove(c, id, 0);
            throw new io.slipway.plugin.api.StepFailedException("The container of service '" + s.name()
                    + "' did not start: " + e.getMessage(), e);
        }
        return id;
    }

    private static Long nanos(java.time.Duration d) {
        return d.isZero() ? null : d.toNanos();
    }

    private static List<Bind> binds(StackTarget t, ServiceSpec s) {
        List<Bind> binds = new ArrayList<>();
        for (ServiceSpec.MountSpec m : s.volumes()) {
            if (m.type().equals("tmpfs")) {
                continue;
            }
            String source = m.type().equals("volume") ? (m.source().isEmpty() ? null : t.volumeName(m.source()))
                    : m.source();
            if (source == null) {
                continue; // anonymous volume: the image's VOLUME handling makes one
            }
            binds.add(new Bind(source, new Volume(m.target()),
                    m.readOnly() ? com.github.dockerjava.api.model.AccessMode.ro
                            : com.github.dockerjava.api.model.AccessMode.rw));
        }
        return binds;
    }
}
