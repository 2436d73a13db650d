package io.slipway.plugins.compose;

import com.github.dockerjava.api.model.ContainerSpec;
import com.github.dockerjava.api.model.EndpointSpec;
import com.github.dockerjava.api.model.HealthCheck;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import com.github.dockerjava.api.model.NetworkAttachmentConfig;
import com.github.dockerjava.api.model.PortConfig;
import com.github.dockerjava.api.model.PortConfigProtocol;
import com.github.dockerjava.api.model.ResourceRequirements;
import com.github.dockerjava.api.model.ResourceSpecs;
import com.github.dockerjava.api.model.ServiceModeConfig;
import com.github.dockerjava.api.model.ServiceReplicatedModeOptions;
import com.github.dockerjava.api.model.ServiceRestartCondition;
import com.github.dockerjava.api.model.ServiceRestartPolicy;
import com.github.dockerjava.api.model.TaskSpec;
import com.github.dockerjava.api.model.UpdateConfig;
import com.github.dockerjava.api.model.UpdateFailureAction;
import com.github.dockerjava.api.model.UpdateOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A compose service as a Swarm service spec, a pure mapping: replicas, update_config (rolling
 * updates), resources, restart policy, healthcheck, mounts, the overlay networks with the
 * service's name as alias, and the exposed ports (ingress or host mode).
 */
final class SwarmSpecs {
    private SwarmSpecs() {
    }

    static com.github.dockerjava.api.model.ServiceSpec of(StackTarget t, ServiceSpec s, String image,
                                                                   String name, String hash) {
        Map<String, String> labels = ContainerLabels.service(t.labels(), s, hash, t.deploymentId());
        ContainerSpec container = new ContainerSpec().withImage(image).withLabels(labels)
                .withStopGracePeriod(java.time.Duration.ofSeconds(t.settings().stopGraceSeconds()).toNanos())
                .withEnv(s.environment().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
        if (!s.entrypoint().isEmpty()) {
            container.withCommand(s.entrypoint());
        }
        if (!s.command().isEmpty()) {
            container.withArgs(s.command());
        }
        List<Mount> mounts = new ArrayList<>();
        for (ServiceSpec.MountSpec m : s.volumes()) {
            boolean volume = m.type().equals("volume");
            mounts.add(new Mount().withType(volume ? MountType.VOLUME : m.type().equals("tmpfs") ? MountType.TMPFS
                    : MountType.BIND).withSource(volume && !m.source().isEmpty() ? t.volumeName(m.source())
                    : m.source().isEmpty() ? null : m.source()).withTarget(m.target()).withReadOnly(m.readOnly()));
        }
        container.withMounts(mounts);
        s.healthcheck().ifPresent(h -> container.withHealthCheck(new HealthCheck().withTest(h.test())
                .withInterval(h.interval().isZero() ? null : h.interval().toNanos())
                .withTimeout(h.timeout().isZero() ? null : h.timeout().toNanos())
                .withRetries(h.retries() > 0 ? h.retries() : null)
                .withStartPeriod(h.startPeriod().isZero() ? null : h.startPeriod().toNanos())));
        ResourceSpecs limits = new ResourceSpecs();
        if (s.resources().memoryBytes() > 0) {
            limits.withMemoryBytes(s.resources().memoryBytes());
        }
        if (s.resources().nanoCpus() > 0) {
            limits.withNanoCPUs(s.resources().nanoCpus());
        }
        TaskSpec task = new TaskSpec().withContainerSpec(container)
                .withResources(new ResourceRequirements().withLimits(limits))
                .withRestartPolicy(new ServiceRestartPolicy().withCondition(switch (s.restart()) {
                    case "no" -> ServiceRestartCondition.NONE;
                    case "on-failure" -> ServiceRestartCondition.ON_FAILURE;
                    default -> ServiceRestartCondition.ANY;
                }))
                .withNetworks(t.networksOf(s).stream().map(n -> new NetworkAttachmentConfig()
                        .withTarget(t.networkName(n)).withAliases(List.of(s.name()))).toList());
        List<PortConfig> ports = new ArrayList<>();
        for (int p : t.exposedPorts(s)) {
            // Swarm's routing mesh picks the published port (30000+); the router reaches it on loopback.
            ports.add(new PortConfig().withTargetPort(p).withProtocol(PortConfigProtocol.TCP)
                    .withPublishMode(t.settings().swarmPublish().equals("host") ? PortConfig.PublishMode.host
                            : PortConfig.PublishMode.ingress));
        }
        ServiceSpec.UpdatePolicy u = s.update();
        return new com.github.dockerjava.api.model.ServiceSpec().withName(name).withLabels(labels)
                .withTaskTemplate(task)
                .withMode(new ServiceModeConfig().withReplicated(new ServiceReplicatedModeOptions()
                        .withReplicas(s.replicas())))
                .withUpdateConfig(new UpdateConfig().withParallelism((long) Math.max(1, u.parallelism()))
                        .withDelay(u.delay().toNanos())
                        .withOrder(u.order().equals("start-first") ? UpdateOrder.START_FIRST : UpdateOrder.STOP_FIRST)
                        .withFailureAction(switch (u.failureAction()) {
                            case "rollback" -> UpdateFailureAction.ROLLBACK;
                            case "continue" -> UpdateFailureAction.CONTINUE;
                            default -> UpdateFailureAction.PAUSE;
                        }))
                .withEndpointSpec(new EndpointSpec().withPorts(ports));
    }

}
