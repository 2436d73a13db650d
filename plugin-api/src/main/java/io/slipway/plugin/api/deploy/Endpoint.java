package io.slipway.plugin.api.deploy;

import java.util.Objects;

/**
 * Where a release answers, on the loopback interface: the router and health checkers use it.
 *
 * <pre>{@code
 * new Endpoint("127.0.0.1", 49153);
 * }</pre>
 */
public record Endpoint(String host, int port) {
    public Endpoint {
        Objects.requireNonNull(host, "host");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }
}
