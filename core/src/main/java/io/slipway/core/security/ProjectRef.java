package io.slipway.core.security;

import java.util.Objects;

/** How a request names the project it touches: by project name, app name, deployment id or stack id. */
public record ProjectRef(Kind kind, String value) {
    public enum Kind { PROJECT, APP, DEPLOYMENT, STACK }

    public ProjectRef {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
    }
}
