package io.slipway.core.rules;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An app as its source sees it: id, name, the source extension chosen and that choice's plain
 * (non-secret) config values.
 */
public record SourceApp(long id, String name, String sourceType, Map<String, Object> sourceValues) {
    /** The branch an app deploys when its source config names none. */
    public static final String DEFAULT_BRANCH = "main";

    public SourceApp {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sourceType, "sourceType");
        sourceValues = Map.copyOf(sourceValues);
    }

    /** The source config's {@code branch}, else {@value #DEFAULT_BRANCH}. */
    public String branch() {
        return text("branch").orElse(DEFAULT_BRANCH);
    }

    public Optional<String> text(String key) {
        return sourceValues.get(key) instanceof String s && !s.isBlank() ? Optional.of(s.strip()) : Optional.empty();
    }
}
