package io.slipway.plugin.api.deploy;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One started instance of an app (a container, a stack, a process).
 *
 * <pre>{@code
 * new Release(containerId, "web", "production", "42", Optional.of(new Endpoint("127.0.0.1", port)), labels);
 * }</pre>
 *
 * @param id the deployer's own id for it (container id)
 * @param app the app's name
 * @param environment the environment's name
 * @param deploymentId the deployment that started it
 * @param endpoint where it answers HTTP/TCP, when it does
 * @param labels the labels it carries
 */
public record Release(String id, String app, String environment, String deploymentId,
                      Optional<Endpoint> endpoint, Map<String, String> labels) {
    public Release {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(deploymentId, "deploymentId");
        Objects.requireNonNull(endpoint, "endpoint");
        labels = Map.copyOf(labels);
    }
}
