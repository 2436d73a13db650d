package io.slipway.plugin.api.build;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A build plan: what {@link BuildPlanner#plan} says a build will do.
 *
 * <pre>{@code
 * new BuildPlan(List.of("node"), "node:20-slim", Map.of("NODE_ENV", "production"),
 *     List.of(new PlanPhase("install", List.of(), List.of("npm ci"), List.of()),
 *             new PlanPhase("build", List.of("install"), List.of("npm run build"), List.of())),
 *     Optional.of("npm run start"));
 * }</pre>
 *
 * @param providers the providers that apply, in order ({@code node}, {@code python}, {@code staticfile})
 * @param buildImage the base image the build starts from
 * @param variables environment variables set for the build and the running app
 * @param phases the phases in the order they run
 * @param startCommand the command the image runs; empty when the base image's own command serves
 */
public record BuildPlan(List<String> providers, String buildImage, Map<String, String> variables,
                        List<PlanPhase> phases, Optional<String> startCommand) {
    public BuildPlan {
        providers = List.copyOf(providers);
        Objects.requireNonNull(buildImage, "buildImage");
        variables = Map.copyOf(variables);
        phases = List.copyOf(phases);
        Objects.requireNonNull(startCommand, "startCommand");
    }

    /** The phase called {@code name}, if the plan has one. */
    public Optional<PlanPhase> phase(String name) {
        return phases.stream().filter(p -> p.name().equals(name)).findFirst();
    }
}
