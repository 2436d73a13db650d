package io.slipway.core.apps;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.slipway.core.audit.AuditDetails;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An environment variable as users see it: a secret's value is left out.
 *
 * @param value the value; empty for secrets
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record EnvVarView(String name, Optional<String> value, boolean secret, boolean buildTime) implements AuditDetails {
    public EnvVarView {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }

    /** A change's audit record says whether a secret changed, never the value. */
    @Override
    @JsonIgnore
    public Map<String, String> auditDetails() {
        return Map.of("secret", Boolean.toString(secret));
    }
}
