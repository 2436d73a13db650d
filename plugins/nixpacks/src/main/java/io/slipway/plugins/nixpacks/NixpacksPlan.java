package io.slipway.plugins.nixpacks;

import io.slipway.plugin.api.build.BuildPlan;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A plan with the files its image gets under {@link DockerfileWriter#ASSETS} (file name to content,
 * like Nixpacks' {@code staticAssets}): written into the build context and copied, never passed
 * through a shell.
 */
record NixpacksPlan(BuildPlan plan, Map<String, String> assets) {
    NixpacksPlan {
        Objects.requireNonNull(plan, "plan");
        assets = Map.copyOf(new TreeMap<>(assets));
    }
}
