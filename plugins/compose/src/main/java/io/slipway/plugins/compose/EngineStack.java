package io.slipway.plugins.compose;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Ports;
import io.slipway.plugin.api.StepFailedException;
import io.slipway.plugin.api.deploy.Endpoint;
import io.slipway.plugins.docker.EngineAccess;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Brings a stack up on a single engine: its networks and volumes, then each service in dependency
 * order once what it depends on meets its condition. A service whose config hash matches running
 * containers keeps them; a changed one gets new containers beside the old, which go when the
 * release that used them is retired.
 */
final class EngineStack {
    private EngineStack() {
    }

    static StackRun up(DockerClient c, StackTarget t) {
        ensureNetworks(c, t);
        ensureVolumes(c, t);
        Map<String, List<String>> containers = new LinkedHashMap<>();
        List<String> resources = new ArrayList<>();
        for (String name : StackGraph.of(t.file()).startOrder()) {
            ServiceSpec s = t.file().services().get(name);
            for (ServiceSpec.Dependency d : s.dependsOn()) {
                t.step().log().line("Service " + name + ": waiting for " + d.service() + " (" + d.condition().label()
                        + ")");
                ServiceWaits.await(c, d.service(), containers.get(d.service()), d.condition(), t.step());
            }
            t.step().cancellation().throwIfCancelled();
            List<String> ids = startService(c, t, s);
            containers.put(name, ids);
            ids.forEach(id -> resources.add("container:" + id));
        }
        for (Map.Entry<String, List<String>> e : containers.entrySet()) {
            ServiceSpec s = t.file().services().get(e.getKey());
            String state = e.getValue().isEmpty() ? "scaled to 0"
                    : ServiceWaits.state(c.inspectContainerCmd(e.getValue().get(0)).exec());
            t.step().log().line("Service " + e.getKey() + ": " + state + ", " + e.getValue().size() + "/"
                    + s.replicas() + " replica(s), image " + t.artifact().imageOf(s));
        }
        StackSettings.Exposure main = t.settings().exposed().get(0);
        List<String> exposedIds = containers.getOrDefault(main.service(), List.of());
        if (exposedIds.isEmpty()) {
            throw new StepFailedException("The exposed service '" + main.service() + "' runs no container: give it at "
                    + "least one replica, or expose another service.");
        }
        Map<String, Endpoint> extra = new LinkedHashMap<>();
        Map<String, List<Endpoint>> replicas = new LinkedHashMap<>();
        for (StackSettings.Exposure e : t.settings().exposed()) {
            List<String> ids = containers.getOrDefault(e.service(), List.of());
            if (ids.size() > 1) {
                replicas.putIfAbsent(e.service(), ids.stream().map(id -> endpoint(c, id, e)).toList());
            }
            if (!ids.isEmpty() && !e.equals(main)) {
                extra.put(e.service(), endpoint(c, ids.get(0), e));
            }
        }
        return new StackRun(resources, endpoint(c, exposedIds.get(0), main), extra, replicas);
    }

    private static List<String> startService(DockerClient c, StackTarget t, ServiceSpec s) {
        String image = t.artifact().imageOf(s);
        String imageId;
        try {
            imageId = c.inspectImageCmd(image).exec().getId();
        } catch (NotFoundException e) {
            throw new StepFailedException("The image '" + image + "' of service '" + s.name() + "' is not on the "
                    + "Docker engine: pull or load it there, or give the service a 'build:' section.");
        }
        String hash = s.configHash(imageId + "|" + t.exposedPorts(s) + "|" + t.networksOf(s).stream()
                .map(t::networkName).toList());
        Map<String, String> filter = new HashMap<>(t.labels());
        filter.put(ContainerLabels.SERVICE, s.name());
        filter.put(ContainerLabels.HASH, hash);
        List<String> running = c.listContainersCmd().withShowAll(true).withLabelFilter(filter).exec().stream()
                .filter(x -> "running".equals(x.getState())).map(Container::getId).sorted().toList();
        if (s.replicas() > 0 && running.size() >= s.replicas()) {
            t.step().log().line("Service " + s.name() + ": unchanged (config " + hash + "), keeping "
                    + s.replicas() + " running container(s)");
            return running.subList(0, s.replicas());
        }
        List<String> ids = new ArrayList<>();
        Map<String, String> labels = ContainerLabels.service(t.labels(), s, hash, t.deploymentId());
        for (int i = 1; i <= s.replicas(); i++) {
            String name = t.stack() + "-" + s.name() + "-" + hash.substring(0, 8) + "-" + i;
            String id = ContainerFactory.start(c, t, s, image, name, labels);
            t.step().log().line("Service " + s.name() + ": started " + name + " (" + id.substring(0, 12) + ") from "
                    + image);
            ids.add(id);
        }
        return ids;
    }

    private static void ensureNetworks(DockerClient c, StackTarget t) {
        t.file().networks().forEach((key, spec) -> {
            String name = t.networkName(key);
            boolean exists = !c.listNetworksCmd().withNameFilter(name).exec().stream()
                    .filter(n -> n.getName().equals(name)).toList().isEmpty();
            if (spec.external() && !exists) {
                throw new StepFailedException("The external network '" + name + "' does not exist: create it on the "
                        + "engine first, or remove 'external: true'.");
            }
            if (!exists) {
                String driver = spec.driver().filter(d -> !d.equals("overlay")).orElse("bridge");
                c.createNetworkCmd().withName(name).withDriver(driver).withLabels(t.labels()).exec();
                t.step().log().line("Created network " + name);
            }
        });
    }

    static void ensureVolumes(DockerClient c, StackTarget t) {
        t.file().volumes().forEach((key, spec) -> {
            String name = t.volumeName(key);
            try {
                c.inspectVolumeCmd(name).exec();
            } catch (NotFoundException missing) {
                if (spec.external()) {
                    throw new StepFailedException("The external volume '" + name + "' does not exist: create it on "
                            + "the engine first, or remove 'external: true'.");
                }
                c.createVolumeCmd().withName(name).withLabels(t.labels()).exec();
                t.step().log().line("Created volume " + name);
            }
        });
    }

    static Endpoint endpoint(DockerClient c, String id, StackSettings.Exposure exposure) {
        return endpoint(c, id, exposure, ContainerFactory.LOOPBACK);
    }

    /** @param bindIp the address the port is published on ({@code 0.0.0.0} for Swarm's host mode) */
    static Endpoint endpoint(DockerClient c, String id, StackSettings.Exposure exposure, String bindIp) {
        InspectContainerResponse info = c.inspectContainerCmd(id).exec();
        Ports.Binding[] published = info.getNetworkSettings().getPorts().getBindings()
                .get(ExposedPort.tcp(exposure.port()));
        if (published != null) {
            for (Ports.Binding b : published) {
                if (bindIp.equals(b.getHostIp()) && b.getHostPortSpec() != null
                        && !b.getHostPortSpec().isEmpty()) {
                    return new Endpoint(ContainerFactory.LOOPBACK, Integer.parseInt(b.getHostPortSpec()));
                }
            }
        }
        throw new StepFailedException("Service '" + exposure.service() + "' has no port " + exposure.port()
                + " published (did its container stop? see its log on the stack page)");
    }

    /** Removes the stack's own networks once no container of the stack is left on them. */
    static void removeNetworksIfUnused(DockerClient c, Map<String, String> stackLabels) {
        boolean anyLeft = !c.listContainersCmd().withShowAll(true).withLabelFilter(stackLabels).exec().isEmpty();
        if (anyLeft) {
            return;
        }
        c.listNetworksCmd().withFilter("label", stackLabels.entrySet().stream().map(e -> e.getKey() + "="
                + e.getValue()).collect(Collectors.toList())).exec().forEach(n -> removeNetwork(c, n.getId()));
    }

    /**
     * Removes a network, retrying for a few seconds while the engine still detaches containers
     * that just stopped (Swarm tasks linger briefly after their service is removed).
     */
    static void removeNetwork(DockerClient c, String id) {
        long until = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
        while (true) {
            try {
                c.removeNetworkCmd(id).exec();
                return;
            } catch (NotFoundException gone) {
                return;
            } catch (RuntimeException inUse) {
                if (System.nanoTime() > until) {
                    return; // in use by something outside the stack: left for the next removal
                }
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    static void removeContainer(DockerClient c, String id, int grace) {
        EngineAccess.stopAndRemove(c, id, grace);
    }
}
