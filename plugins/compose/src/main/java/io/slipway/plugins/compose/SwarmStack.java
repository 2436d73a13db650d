package io.slipway.plugins.compose;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.PortConfig;
import com.github.dockerjava.api.model.Service;
import com.github.dockerjava.api.model.ServiceUpdateState;
import com.github.dockerjava.api.model.Task;
import com.github.dockerjava.api.model.TaskState;
import io.slipway.plugin.api.StepFailedException;
import io.slipway.plugin.api.deploy.Endpoint;
import io.slipway.plugin.api.deploy.ServiceStatus;
import io.slipway.plugins.docker.EngineAccess;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Brings a stack up as Swarm services on an overlay network: {@code deploy.replicas} tasks each,
 * changed services updated in place by a rolling update ({@code deploy.update_config}), unchanged
 * ones left alone. Readiness comes from the tasks' state (a task with a healthcheck is
 * {@code starting} until it is healthy).
 */
final class SwarmStack {
    private SwarmStack() {
    }

    static StackRun up(DockerClient c, StackTarget t) {
        t.file().networks().forEach((key, spec) -> ensureOverlay(c, t, key, spec));
        EngineStack.ensureVolumes(c, t); // labelled here; on other nodes the engine makes them as tasks land
        List<String> resources = new ArrayList<>();
        Map<String, String> ids = new java.util.HashMap<>();
        for (String name : StackGraph.of(t.file()).startOrder()) {
            ServiceSpec s = t.file().services().get(name);
            for (ServiceSpec.Dependency d : s.dependsOn()) {
                t.step().log().line("Service " + name + ": waiting for " + d.service() + " (" + d.condition().label()
                        + ")");
                awaitTasks(c, ids.get(d.service()), d.service(), t);
            }
            String id = deploy(c, t, s);
            ids.put(name, id);
            resources.add("service:" + id);
        }
        for (Map.Entry<String, String> e : ids.entrySet()) {
            awaitTasks(c, e.getValue(), e.getKey(), t);
            ServiceSpec s = t.file().services().get(e.getKey());
            ServiceStatus st = status(c, e.getValue(), e.getKey(), t.artifact().imageOf(s), s.replicas(), List.of());
            t.step().log().line("Service " + e.getKey() + ": " + st.state() + ", " + st.health() + ", " + st.running()
                    + "/" + st.desired() + " task(s) running");
        }
        StackSettings.Exposure main = t.settings().exposed().get(0);
        Map<String, Endpoint> extra = new java.util.LinkedHashMap<>();
        for (StackSettings.Exposure e : t.settings().exposed().subList(1, t.settings().exposed().size())) {
            extra.put(e.service(), endpoint(c, ids.get(e.service()), t, e));
        }
        return new StackRun(resources, endpoint(c, ids.get(main.service()), t, main), extra);
    }

    private static String deploy(DockerClient c, StackTarget t, ServiceSpec s) {
        String image = t.artifact().imageOf(s);
        String imageId;
        try {
            imageId = c.inspectImageCmd(image).exec().getId();
        } catch (NotFoundException e) {
            throw new StepFailedException("The image '" + image + "' of service '" + s.name() + "' is not on the "
                    + "Swarm manager: push it to a registry the nodes can reach, or give the service a 'build:'.");
        }
        String hash = s.configHash("swarm|" + imageId + "|" + t.exposedPorts(s));
        String name = t.stack() + "_" + s.name();
        com.github.dockerjava.api.model.ServiceSpec spec = SwarmSpecs.of(t, s, image, name, hash);
        Optional<Service> existing = c.listServicesCmd().withNameFilter(List.of(name)).exec().stream()
                .filter(x -> name.equals(x.getSpec().getName())).findFirst();
        if (existing.isEmpty()) {
            String id = c.createServiceCmd(spec).exec().getId();
            t.step().log().line("Service " + s.name() + ": created Swarm service " + name + " with " + s.replicas()
                    + " replica(s) of " + image);
            return id;
        }
        Service current = existing.get();
        if (hash.equals(current.getSpec().getLabels() == null ? null
                : current.getSpec().getLabels().get(ContainerLabels.HASH))) {
            t.step().log().line("Service " + s.name() + ": unchanged (config " + hash + ")");
            return current.getId();
        }
        c.updateServiceCmd(current.getId(), spec).withVersion(current.getVersion().getIndex()).exec();
        t.step().log().line("Service " + s.name() + ": rolling update of " + name + " (" + s.update().parallelism()
                + " at a time, " + s.update().order() + ")");
        awaitUpdate(c, current.getId(), s.name(), t);
        return current.getId();
    }

    private static void ensureOverlay(DockerClient c, StackTarget t, String key, ComposeFile.ResourceSpec spec) {
        String name = t.networkName(key);
        boolean exists = c.listNetworksCmd().withNameFilter(name).exec().stream().anyMatch(n -> n.getName()
                .equals(name));
        if (!exists && spec.external()) {
            throw new StepFailedException("The external network '" + name + "' does not exist on the Swarm: create "
                    + "it first, or remove 'external: true'.");
        }
        if (!exists) {
            c.createNetworkCmd().withName(name).withDriver("overlay").withAttachable(true).withLabels(t.labels())
                    .exec();
            t.step().log().line("Created overlay network " + name);
        }
    }

    private static void awaitUpdate(DockerClient c, String id, String service, StackTarget t) {
        while (true) {
            Service s = c.inspectServiceCmd(id).exec();
            ServiceUpdateState state = s.getUpdateStatus() == null ? null : s.getUpdateStatus().getState();
            if (state == ServiceUpdateState.COMPLETED) {
                t.step().log().line("Service " + service + ": rolling update completed");
                return;
            }
            if (state == ServiceUpdateState.PAUSED || state == ServiceUpdateState.ROLLBACK_COMPLETED
                    || state == ServiceUpdateState.ROLLBACK_PAUSED) {
                throw new StepFailedException("The rolling update of service '" + service + "' stopped (" + state
                        + "): " + s.getUpdateStatus().getMessage());
            }
            pause(t, "the rolling update of service '" + service + "'");
        }
    }

    private static void awaitTasks(DockerClient c, String id, String service, StackTarget t) {
        while (true) {
            Service s = c.inspectServiceCmd(id).exec();
            long desired = s.getSpec().getMode().getReplicated().getReplicas();
            List<Task> tasks = tasks(c, id);
            long running = tasks.stream().filter(x -> x.getStatus().getState() == TaskState.RUNNING).count();
            if (running >= desired) {
                return;
            }
            Optional<Task> failed = tasks.stream().filter(x -> x.getStatus().getState() == TaskState.FAILED
                    || x.getStatus().getState() == TaskState.REJECTED).findFirst();
            if (failed.isPresent() && running == 0) {
                throw new StepFailedException("A task of service '" + service + "' failed: "
                        + Optional.ofNullable(failed.get().getStatus().getErr()).orElse(failed.get().getStatus()
                        .getMessage()));
            }
            pause(t, "service '" + service + "' (" + running + "/" + desired + " tasks running)");
        }
    }

    private static void pause(StackTarget t, String what) {
        t.step().cancellation().throwIfCancelled();
        if (Instant.now().isAfter(t.step().deadline())) {
            throw new StepFailedException("Gave up waiting for " + what + ": the step's time ran out.");
        }
        try {
            Thread.sleep(300);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StepFailedException("Interrupted while waiting for " + what);
        }
    }

    /** Tasks that should be running (not the ones a rolling update shut down). */
    private static List<Task> tasks(DockerClient c, String serviceId) {
        return c.listTasksCmd().withServiceFilter(serviceId).exec().stream()
                .filter(x -> x.getDesiredState() == TaskState.RUNNING).toList();
    }

    private static Endpoint endpoint(DockerClient c, String id, StackTarget t, StackSettings.Exposure exposure) {
        if (t.settings().swarmPublish().equals("host")) {
            // Host mode: each task publishes on its node; the first running here is the one reachable on loopback.
            for (Task task : tasks(c, id)) {
                if (task.getStatus().getState() == TaskState.RUNNING && task.getStatus().getContainerStatus() != null) {
                    try {
                        return EngineStack.endpoint(c, task.getStatus().getContainerStatus().getContainerID(),
                                exposure, "0.0.0.0");
                    } catch (NotFoundException elsewhere) {
                        // The task runs on another node.
                    }
                }
            }
            throw new StepFailedException("No task of " + exposure + " runs on the manager Slipway talks to: use "
                    + "swarmPublish ingress on a multi-node Swarm.");
        }
        Service s = c.inspectServiceCmd(id).exec();
        if (s.getEndpoint() != null && s.getEndpoint().getPorts() != null) {
            for (PortConfig p : s.getEndpoint().getPorts()) {
                if (p.getTargetPort() == exposure.port() && p.getPublishedPort() > 0) {
                    return new Endpoint("127.0.0.1", p.getPublishedPort());
                }
            }
        }
        throw new StepFailedException("Swarm published no port for " + exposure + ": check the service on the "
                + "manager (`docker service inspect`).");
    }

    static ServiceStatus status(DockerClient c, String id, String service, String image, int desired,
                                List<String> deps) {
        Service s;
        try {
            s = c.inspectServiceCmd(id).exec();
        } catch (NotFoundException gone) {
            return new ServiceStatus(service, image, "missing", "none", 0, desired, List.of(), deps);
        }
        List<Task> tasks = tasks(c, id);
        int running = (int) tasks.stream().filter(x -> x.getStatus().getState() == TaskState.RUNNING).count();
        String state = running >= desired ? "running" : tasks.stream().map(x -> x.getStatus().getState().getValue())
                .filter(x -> !x.equals("running")).findFirst().orElse("pending");
        boolean checked = s.getSpec().getTaskTemplate().getContainerSpec().getHealthCheck() != null;
        String health = !checked ? "none" : running >= desired ? "healthy"
                : tasks.stream().anyMatch(x -> x.getStatus().getState() == TaskState.STARTING) ? "starting" : "unhealthy";
        List<String> ports = new ArrayList<>();
        if (s.getEndpoint() != null && s.getEndpoint().getPorts() != null) {
            for (PortConfig p : s.getEndpoint().getPorts()) {
                ports.add("*:" + p.getPublishedPort() + "->" + p.getTargetPort() + "/tcp");
            }
        }
        return new ServiceStatus(service, image, state, health, running, desired, ports, deps);
    }

    static Optional<String> serviceName(DockerClient c, String id) {
        try {
            return Optional.of(c.inspectServiceCmd(id).exec().getSpec().getName());
        } catch (NotFoundException gone) {
            return Optional.empty();
        }
    }

    static void removeService(DockerClient c, String id) {
        try {
            c.removeServiceCmd(id).exec();
        } catch (NotFoundException gone) {
            // Removed already: the outcome asked for.
        }
    }

    static void removeAll(DockerClient c, String app) {
        if (c.infoCmd().exec().getSwarm() == null || !Boolean.TRUE.equals(c.infoCmd().exec().getSwarm()
                .getControlAvailable())) {
            return;
        }
        List<Service> services = c.listServicesCmd().withLabelFilter(Map.of(EngineAccess.APP_LABEL, app)).exec();
        services.forEach(s -> removeService(c, s.getId()));
        awaitTasksGone(c, Map.of(EngineAccess.APP_LABEL, app));
    }

    /** Task containers stop a moment after their service is removed; networks and volumes can go only then. */
    static void awaitTasksGone(DockerClient c, Map<String, String> labels) {
        Instant until = Instant.now().plusSeconds(20);
        while (Instant.now().isBefore(until) && !c.listContainersCmd().withShowAll(true).withLabelFilter(labels).exec()
                .isEmpty()) {
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
