package io.slipway.core.pipeline;

import io.slipway.plugin.api.ExtensionPointId;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the pipeline needs of an app: its chosen extensions with their typed config, and its
 * environment variables (decrypted).
 *
 * @param project the project the app belongs to (deployers group releases by it)
 * @param problems why a chosen extension is missing from {@code extensions}
 */
public record PipelineApp(long id, String name, String project, Map<ExtensionPointId, ChosenExtension> extensions,
                          List<AppEnvVar> env, Map<ExtensionPointId, String> problems) {
    public PipelineApp {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(project, "project");
        extensions = Map.copyOf(extensions);
        env = List.copyOf(env);
        problems = Map.copyOf(problems);
    }

    public PipelineApp(long id, String name, String project, Map<ExtensionPointId, ChosenExtension> extensions,
                       List<AppEnvVar> env) {
        this(id, name, project, extensions, env, Map.of());
    }

    /** Why a chosen extension cannot be used (its plugin is missing or disabled). */
    public Optional<String> problem(ExtensionPointId point) {
        return Optional.ofNullable(problems.get(point));
    }

    public Optional<ChosenExtension> extension(ExtensionPointId point) {
        return Optional.ofNullable(extensions.get(point));
    }

    /** Every secret value (secret env vars, secret config fields): masked in the log. */
    public Set<String> secretValues() {
        Set<String> out = new HashSet<>();
        env.stream().filter(AppEnvVar::secret).forEach(v -> out.add(v.value()));
        extensions.values().forEach(e -> out.addAll(e.secretValues()));
        return out;
    }

    /** One environment variable of an app. */
    public record AppEnvVar(String name, String value, boolean secret, boolean buildTime) {
        public AppEnvVar {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }
}
