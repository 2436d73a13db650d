package io.slipway.core.router;

import java.util.Objects;

/** Where a release listens (its published port on the loopback interface). */
public record Backend(String host, int port) {
    public Backend {
        Objects.requireNonNull(host, "host");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }
}
