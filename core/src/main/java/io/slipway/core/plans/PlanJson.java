package io.slipway.core.plans;

import io.slipway.plugin.api.build.BuildPlan;
import io.slipway.plugin.api.build.PlanPhase;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A build plan in the shape {@code nixpacks plan} prints: {@code providers}, {@code buildImage},
 * {@code variables}, {@code phases} by name (each with {@code cmds}, {@code dependsOn},
 * {@code aptPkgs}) in the order they run, and {@code start.cmd}.
 */
public record PlanJson(List<String> providers, String buildImage, Map<String, String> variables,
                       Map<String, PhaseJson> phases, StartJson start) {

    public record PhaseJson(String name, List<String> dependsOn, List<String> cmds, List<String> aptPkgs) {
    }

    /** {@code cmd} is null when the base image's own command starts the app. */
    public record StartJson(String cmd) {
    }

    public static PlanJson of(BuildPlan plan) {
        Map<String, PhaseJson> phases = new LinkedHashMap<>();
        for (PlanPhase p : plan.phases()) {
            phases.put(p.name(), new PhaseJson(p.name(), p.dependsOn(), p.commands(), p.aptPackages()));
        }
        return new PlanJson(plan.providers(), plan.buildImage(), new TreeMap<>(plan.variables()), phases,
                new StartJson(plan.startCommand().orElse(null)));
    }
}
