package io.slipway.plugins.nixpacks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one provider contributes: its base image, default variables, commands per phase and apt
 * packages, and a start command.
 */
record ProviderPlan(String image, Map<String, String> variables, Map<String, List<String>> cmds,
                    List<String> aptPkgs, Optional<String> start) {
    ProviderPlan {
        variables = new LinkedHashMap<>(variables);
        cmds = new LinkedHashMap<>(cmds);
        aptPkgs = List.copyOf(aptPkgs);
    }
}
