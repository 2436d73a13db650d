package io.slipway.core.apps;

import java.util.Objects;

/**
 * An app's environment variable with its value decrypted, for the pipeline. Its string form hides
 * secret values, so logging one by accident leaks nothing.
 *
 * @param buildTime also passed to the build, not only to the running release
 */
public record EnvVar(String name, String value, boolean secret, boolean buildTime) {
    public EnvVar {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return "EnvVar[" + name + "=" + (secret ? "******" : value) + (buildTime ? ", buildTime" : "") + "]";
    }
}
