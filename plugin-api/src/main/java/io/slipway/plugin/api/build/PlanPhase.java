package io.slipway.plugin.api.build;

import java.util.List;
import java.util.Objects;

/**
 * One phase of a {@link BuildPlan} ({@code setup}, {@code install}, {@code build}, or one a user
 * adds).
 *
 * <pre>{@code
 * new PlanPhase("build", List.of("install"), List.of("npm run build"), List.of());
 * }</pre>
 *
 * @param name the phase's name
 * @param dependsOn the phases that must run before it
 * @param commands shell commands run in the image at build time, in order
 * @param aptPackages Debian packages installed before the commands
 */
public record PlanPhase(String name, List<String> dependsOn, List<String> commands, List<String> aptPackages) {
    public PlanPhase {
        Objects.requireNonNull(name, "name");
        dependsOn = List.copyOf(dependsOn);
        commands = List.copyOf(commands);
        aptPackages = List.copyOf(aptPackages);
    }
}
