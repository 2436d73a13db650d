package io.slipway.plugins.nixpacks;

import java.util.List;
import java.util.Optional;

/** What nixpacks.toml says about one phase; {@code "..."} in a list stands for the provider's own entries. */
record PhaseOverride(Optional<List<String>> cmds, Optional<List<String>> dependsOn, Optional<List<String>> aptPkgs) {

    static final String KEEP = "...";

    static PhaseOverride none() {
        return new PhaseOverride(Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** {@code override} applied to {@code defaults}: replaced, or extended where it holds "...". */
    static List<String> apply(Optional<List<String>> override, List<String> defaults) {
        if (override.isEmpty()) {
            return defaults;
        }
        List<String> out = new java.util.ArrayList<>();
        for (String item : override.get()) {
            if (item.equals(KEEP)) {
                out.addAll(defaults);
            } else {
                out.add(item);
            }
        }
        return out;
    }
}
