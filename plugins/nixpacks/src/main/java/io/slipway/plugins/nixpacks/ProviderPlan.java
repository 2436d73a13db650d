package io.slipway.plugins.nixpacks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one provider contributes: its base image, default variables, commands per phase and apt
 * packages, a start command, and files the image gets under {@code /assets} (by name; Nixpacks'
 * {@code staticAssets}), such as the static server's nginx.conf.
 */
record ProviderPlan(String image, Map<String, String> variables, Map<String, List<String>> cmds,
                    List<String> aptPkgs, Optional<String> start, Map<String, String> assets) {
    ProviderPlan {
        variables = new LinkedHashMap<>(variables);
        cmds = new LinkedHashMap<>(cmds);
        aptPkgs = List.copyOf(aptPkgs);
        assets = Map.copyOf(assets);
    }

    ProviderPlan(String image, Map<String, String> variables, Map<String, List<String>> cmds, List<String> aptPkgs,
                 Optional<String> start) {
        this(image, variables, cmds, aptPkgs, start, Map.of());
    }
}
