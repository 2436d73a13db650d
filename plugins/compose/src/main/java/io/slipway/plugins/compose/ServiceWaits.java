package io.slipway.plugins.compose;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.HealthState;
import io.slipway.plugin.api.StepFailedException;
import io.slipway.plugin.api.step.StepContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Waits until a service's containers meet a {@code depends_on} condition, as the engine reports
 * it: running, healthy by the engine's healthcheck, or exited with code 0. Gives up at the step's
 * deadline, and at once when the condition can no longer be met (exited, unhealthy).
 */
final class ServiceWaits {
    private static final long POLL_MILLIS = 250;

    private ServiceWaits() {
    }

    static void await(DockerClient c, String service, List<String> containers, ServiceSpec.Condition condition,
                      StepContext step) {
        for (String id : containers) {
            while (true) {
                step.cancellation().throwIfCancelled();
                InspectContainerResponse info = c.inspectContainerCmd(id).exec();
                if (met(service, info, condition)) {
                    break;
                }
                if (Instant.now().isAfter(step.deadline())) {
                    throw new StepFailedException("Service '" + service + "' did not become "
                            + condition.label().replace("service_", "") + " in time (state " + state(info)
                            + "): see its log on the stack page.");
                }
                sleep();
            }
        }
    }

    private static boolean met(String service, InspectContainerResponse info, ServiceSpec.Condition condition) {
        InspectContainerResponse.ContainerState s = info.getState();
        boolean running = Boolean.TRUE.equals(s.getRunning());
        Long exit = s.getExitCodeLong();
        return switch (condition) {
            case SERVICE_STARTED -> running || exit != null && s.getFinishedAt() != null
                    && !s.getFinishedAt().startsWith("0001");
            case SERVICE_COMPLETED_SUCCESSFULLY -> {
                if (running || s.getFinishedAt() == null || s.getFinishedAt().startsWith("0001")) {
                    yield false;
                }
                if (exit != null && exit != 0) {
                    throw new StepFailedException("Service '" + service + "' exited with code " + exit
                            + ", but others wait for it to complete successfully: see its log.");
                }
                yield true;
            }
            case SERVICE_HEALTHY -> {
                Optional<HealthState> health = Optional.ofNullable(s.getHealth());
                if (health.isEmpty()) {
                    throw new StepFailedException("Service '" + service + "' has no healthcheck, but another service"
                            + " waits for it to be healthy: add a 'healthcheck:' to it, or use service_started.");
                }
                if (!running) {
                    throw new StepFailedException("Service '" + service + "' stopped (exit code " + exit
                            + ") before it was healthy: see its log.");
                }
                if ("unhealthy".equals(health.get().getStatus())) {
                    String last = health.get().getLog() == null || health.get().getLog().isEmpty() ? ""
                            : ": " + health.get().getLog().get(health.get().getLog().size() - 1).getOutput().strip();
                    throw new StepFailedException("Service '" + service + "' is unhealthy" + last);
                }
                yield "healthy".equals(health.get().getStatus());
            }
        };
    }

    static String state(InspectContainerResponse info) {
        InspectContainerResponse.ContainerState s = info.getState();
        String state = s.getStatus() == null ? "unknown" : s.getStatus();
        return s.getHealth() == null ? state : state + ", " + s.getHealth().getStatus();
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StepFailedException("Interrupted while waiting for a service");
        }
    }
}
