package io.slipway.plugins.compose;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.Ports;
import io.slipway.plugin.api.deploy.Release;
import io.slipway.plugin.api.deploy.ServiceStatus;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a stack's release looks like now, for the stack page: the release's labels say what was
 * asked (services, order, replicas, images, dependencies); the engine says what runs.
 */
final class StackInspection {
    private static final String ORDER = "slipway.compose.order";
    private static final String DESIRED = "slipway.compose.desired.";
    private static final String IMAGE = "slipway.compose.image.";
    private static final String DEPS = "slipway.compose.deps.";

    private StackInspection() {
    }

    static Map<String, String> describe(ComposeFile file, StackArtifact artifact) {
        Map<String, String> labels = new HashMap<>();
        labels.put(ORDER, String.join(",", StackGraph.of(file).startOrder()));
        for (ServiceSpec s : file.services().values()) {
            labels.put(DESIRED + s.name(), String.valueOf(s.replicas()));
            labels.put(IMAGE + s.name(), artifact.imageOf(s));
            labels.put(DEPS + s.name(), String.join(",", s.dependsOn().stream().map(ServiceSpec.Dependency::service)
                    .toList()));
        }
        return labels;
    }

    static List<ServiceStatus> services(DockerClient c, Release release) {
        Map<String, String> labels = release.labels();
        List<ServiceStatus> out = new ArrayList<>();
        for (String service : split(labels.getOrDefault(ORDER, ""))) {
            int desired = Integer.parseInt(labels.getOrDefault(DESIRED + service, "1"));
            String image = labels.getOrDefault(IMAGE + service, "");
            List<String> deps = split(labels.getOrDefault(DEPS + service, ""));
            List<String> swarmIds = resources(release, "service:").stream()
                    .filter(id -> SwarmStack.serviceName(c, id).map(n -> n.endsWith("_" + service)).orElse(false))
                    .toList();
            if (!swarmIds.isEmpty()) {
                out.add(SwarmStack.status(c, swarmIds.get(0), service, image, desired, deps));
                continue;
            }
            List<InspectContainerResponse> containers = containers(c, release, service);
            int running = (int) containers.stream().filter(i -> Boolean.TRUE.equals(i.getState().getRunning())).count();
            String state = containers.isEmpty() ? (desired == 0 ? "scaled to 0" : "missing")
                    : containers.get(0).getState().getStatus();
            String health = containers.isEmpty() || containers.get(0).getState().getHealth() == null ? "none"
                    : containers.get(0).getState().getHealth().getStatus();
            List<String> ports = new ArrayList<>();
            containers.forEach(i -> i.getNetworkSettings().getPorts().getBindings().forEach((p, b) -> {
                if (b != null) {
                    for (Ports.Binding x : b) {
                        ports.add(x.getHostIp() + ":" + x.getHostPortSpec() + "->" + p);
                    }
                }
            }));
            out.add(new ServiceStatus(service, image, state, health, running, desired, ports, deps));
        }
        return out;
    }

    static List<String> logs(DockerClient c, Release release, String service, int lines) {
        List<String> out = new ArrayList<>();
        ResultCallback.Adapter<Frame> collect = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Frame frame) {
                new String(frame.getPayload(), java.nio.charset.StandardCharsets.UTF_8).lines().forEach(out::add);
            }
        };
        try {
            List<String> swarmIds = resources(release, "service:").stream()
                    .filter(id -> SwarmStack.serviceName(c, id).map(n -> n.endsWith("_" + service)).orElse(false))
                    .toList();
            if (!swarmIds.isEmpty()) {
                c.logServiceCmd(swarmIds.get(0)).withStdout(true).withStderr(true).withTail(lines).exec(collect)
                        .awaitCompletion(5, java.util.concurrent.TimeUnit.SECONDS);
            } else {
                for (InspectContainerResponse i : containers(c, release, service)) {
                    c.logContainerCmd(i.getId()).withStdOut(true).withStdErr(true).withTail(lines).exec(collect)
                            .awaitCompletion(5, java.util.concurrent.TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return out.size() > lines ? List.copyOf(out.subList(out.size() - lines, out.size())) : List.copyOf(out);
    }

    private static List<InspectContainerResponse> containers(DockerClient c, Release release, String service) {
        List<InspectContainerResponse> out = new ArrayList<>();
        for (String id : resources(release, "container:")) {
            try {
                InspectContainerResponse i = c.inspectContainerCmd(id).exec();
                if (i.getConfig().getLabels() != null && service.equals(i.getConfig().getLabels()
                        .get(ContainerLabels.SERVICE))) {
                    out.add(i);
                }
            } catch (NotFoundException gone) {
                // Removed outside Slipway: shows as fewer running replicas.
            }
        }
        return out;
    }

    private static List<String> resources(Release release, String prefix) {
        return split(release.labels().getOrDefault(ComposeDeployer.RESOURCES_LABEL, "")).stream()
                .filter(r -> r.startsWith(prefix)).map(r -> r.substring(prefix.length())).toList();
    }

    private static List<String> split(String text) {
        return text.isBlank() ? List.of() : Arrays.stream(text.split(",")).filter(s -> !s.isBlank()).toList();
    }
}
