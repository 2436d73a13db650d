package io.slipway.plugins.compose;

import io.slipway.plugin.api.step.StepContext;
import io.slipway.plugins.docker.EngineAccess;
import java.util.List;
import java.util.Map;

/**
 * One deployment of a stack: the file, where it runs and how it is named.
 *
 * @param stack the engine-side name prefix of everything the stack creates
 * @param labels the labels every resource of the stack carries
 */
record StackTarget(String app, String environment, String deploymentId, String stack, Map<String, String> labels,
                   ComposeFile file, StackArtifact artifact, StackSettings settings, StepContext step) {

    static StackTarget of(String app, String environment, String deploymentId, ComposeFile file,
                          StackArtifact artifact, StackSettings settings, StepContext step) {
        String stack = EngineAccess.engineName("slipway", app, environment).toLowerCase(java.util.Locale.ROOT);
        return new StackTarget(app, environment, deploymentId, stack, ContainerLabels.stack(app, environment, stack),
                file, artifact, settings, step);
    }

    String networkName(String key) {
        return file.networks().get(key).name().orElse(stack + "_" + key);
    }

    String volumeName(String key) {
        return file.volumes().get(key).name().orElse(stack + "_" + key);
    }

    List<String> networksOf(ServiceSpec s) {
        return s.networks().isEmpty() ? List.of("default") : s.networks();
    }

    /** Container ports the router needs published for service {@code s}. */
    List<Integer> exposedPorts(ServiceSpec s) {
        return settings.exposed().stream().filter(e -> e.service().equals(s.name())).map(StackSettings.Exposure::port)
                .toList();
    }
}
