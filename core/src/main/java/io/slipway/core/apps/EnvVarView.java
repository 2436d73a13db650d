package io.slipway.core.apps;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;
import java.util.Optional;

/**
 * An environment variable as users see it: a secret's value is left out.
 *
 * @param value the value; empty for secrets
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record EnvVarView(String name, Optional<String> value, boolean secret, boolean buildTime) {
    public EnvVarView {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }
}
