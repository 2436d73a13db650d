package io.slipway.core.pages.internal;

import io.slipway.core.plugins.ExtensionInfo;
import io.slipway.core.plugins.PluginInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A plugin as the plugins page shows it, its extensions grouped by point. */
public record PluginCard(PluginInfo info, List<Contribution> contributions) {
    /** The extensions a plugin contributes to one point ("notifier": "Log (log)"). */
    public record Contribution(String point, List<String> extensions) {
    }

    public static PluginCard of(PluginInfo info) {
        Map<String, List<String>> byPoint = new LinkedHashMap<>();
        for (ExtensionInfo e : info.extensions()) {
            byPoint.computeIfAbsent(e.point(), k -> new ArrayList<>()).add(e.displayName() + " (" + e.id() + ")");
        }
        List<Contribution> out = new ArrayList<>();
        byPoint.forEach((point, names) -> out.add(new Contribution(point, List.copyOf(names))));
        return new PluginCard(info, out);
    }

    /** The badge's CSS class for the plugin's state. */
    public String badge() {
        return switch (info.status()) {
            case STARTED -> "ok";
            case DISABLED -> "none";
            case FAILED -> "failed";
        };
    }

    public String state() {
        return info.status().name().toLowerCase(java.util.Locale.ROOT);
    }

    public boolean uploaded() {
        return "uploaded".equals(info.origin());
    }
}
