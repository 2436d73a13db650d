package io.slipway.core.apps;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An app as users may see it: secret config values are never part of it.
 *
 * @param name the app's name, a DNS label unique on the server
 * @param project its project's name
 * @param extensions its extension choices keyed by point id ({@code builder}...)
 * @param createdAt when it was created (UTC)
 * @param updatedAt when it was last changed (UTC)
 */
public record AppView(String name, String project, Map<String, ExtensionChoiceView> extensions,
                      Instant createdAt, Instant updatedAt) {
    public AppView {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(project, "project");
        extensions = Collections.unmodifiableMap(new LinkedHashMap<>(extensions));
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    public Optional<ExtensionChoiceView> extension(String point) {
        return Optional.ofNullable(extensions.get(point));
    }
}
