package io.slipway.plugin.api.deploy;

import java.util.List;
import java.util.Objects;

/**
 * The state of one service of a multi-service release (a compose stack), as its deployer sees it
 * on the engine now.
 *
 * <pre>{@code
 * new ServiceStatus("api", "slipway/shop-api:42", "running", "healthy", 2, 2,
 *     List.of("127.0.0.1:49153->8080/tcp"), List.of("db"));
 * }</pre>
 *
 * @param name the service's name in the stack
 * @param image the image it runs
 * @param state {@code running}, {@code starting}, {@code exited}, {@code missing}, ...
 * @param health {@code healthy}, {@code unhealthy}, {@code starting} or {@code none} (no check)
 * @param running how many replicas run
 * @param desired how many replicas were asked for
 * @param ports published ports, as text
 * @param dependsOn the services it depends on
 */
public record ServiceStatus(String name, String image, String state, String health, int running, int desired,
                            List<String> ports, List<String> dependsOn) {
    public ServiceStatus {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(health, "health");
        ports = List.copyOf(ports);
        dependsOn = List.copyOf(dependsOn);
    }
}
