package io.slipway.core.plugins;

import io.slipway.plugin.api.ExtensionPointId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The extensions available right now. A copy-on-write snapshot: readers never lock; a plugin's
 * extensions are added once when it starts (PF4J would make new instances on every lookup) and
 * removed before its class loader closes.
 */
public final class ExtensionRegistry {
    /** The plugin id of extensions built into the core. */
    public static final String CORE = "core";

    private volatile Map<String, List<RegisteredExtension>> byPlugin = Map.of();

    /** Adds or replaces every extension of one plugin. */
    public synchronized void put(String pluginId, List<RegisteredExtension> extensions) {
        Objects.requireNonNull(pluginId, "pluginId");
        Map<String, List<RegisteredExtension>> next = new LinkedHashMap<>(byPlugin);
        next.put(pluginId, List.copyOf(extensions));
        byPlugin = Map.copyOf(next);
    }

    public synchronized void remove(String pluginId) {
        Map<String, List<RegisteredExtension>> next = new LinkedHashMap<>(byPlugin);
        next.remove(pluginId);
        byPlugin = Map.copyOf(next);
    }

    /** Every extension of a point, ordered by id. */
    public List<RegisteredExtension> list(ExtensionPointId point) {
        List<RegisteredExtension> out = new ArrayList<>();
        byPlugin.values().forEach(l -> l.stream().filter(e -> e.point() == point).forEach(out::add));
        out.sort(Comparator.comparing(RegisteredExtension::id));
        return out;
    }

    public List<RegisteredExtension> all() {
        List<RegisteredExtension> out = new ArrayList<>();
        for (ExtensionPointId p : ExtensionPointId.values()) {
            out.addAll(list(p));
        }
        return out;
    }

    public Optional<RegisteredExtension> find(ExtensionPointId point, String id) {
        return list(point).stream().filter(e -> e.id().equals(id)).findFirst();
    }

    public List<RegisteredExtension> ofPlugin(String pluginId) {
        return byPlugin.getOrDefault(pluginId, List.of());
    }
}
