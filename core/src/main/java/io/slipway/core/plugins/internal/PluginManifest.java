package io.slipway.core.plugins.internal;

import io.slipway.core.plugins.PluginDependencyInfo;
import io.slipway.core.plugins.PluginRejectedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import org.pf4j.PluginDependency;

/**
 * A plugin's descriptor, read from its JAR manifest ({@code Plugin-Id}, {@code Plugin-Version},
 * {@code Plugin-Class}, {@code Plugin-Requires}, {@code Plugin-Dependencies}, ...) and checked.
 */
public record PluginManifest(String id, String version, String description, String provider,
                             Optional<String> pluginClass, String requires, List<PluginDependencyInfo> dependencies) {
    public PluginManifest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(pluginClass, "pluginClass");
        Objects.requireNonNull(requires, "requires");
        dependencies = List.copyOf(dependencies);
    }

    /** {@code id@version}, for messages. */
    public String label() {
        return id + "@" + version;
    }

    /** Reads and checks a manifest (null when the JAR has none). */
    public static PluginManifest read(Manifest manifest, PluginVersions versions) {
        Attributes a = manifest == null ? new Attributes() : manifest.getMainAttributes();
        String id = text(a, "Plugin-Id");
        if (id.isEmpty()) {
            throw new PluginRejectedException("The JAR has no plugin descriptor: its META-INF/MANIFEST.MF needs "
                    + "Plugin-Id and Plugin-Version (build it with Slipway's plugin parent POM).");
        }
        if (!PluginVersions.isPluginId(id)) {
            throw new PluginRejectedException("Plugin-Id '" + id + "' is not a valid plugin id: use 1-63 lower-case "
                    + "letters, digits and '-', starting with a letter or digit.", Map.of("field", "Plugin-Id"));
        }
        String version = text(a, "Plugin-Version");
        if (!PluginVersions.isSemVer(version)) {
            throw new PluginRejectedException("Plugin-Version '" + version + "' of plugin '" + id
                    + "' is not a semantic version (like 1.4.0 or 2.0.0-rc.1).", Map.of("field", "Plugin-Version"));
        }
        String requires = text(a, "Plugin-Requires");
        if (requires.isEmpty()) {
            requires = "*";
        } else if (!versions.isRange(requires)) {
            throw new PluginRejectedException("Plugin-Requires '" + requires + "' of plugin '" + id
                    + "' is not a version range (like >=0.1.0).", Map.of("field", "Plugin-Requires"));
        }
        String pluginClass = text(a, "Plugin-Class");
        if (!pluginClass.isEmpty() && !PluginJar.isClassName(pluginClass)) {
            throw new PluginRejectedException("Plugin-Class '" + pluginClass + "' of plugin '" + id
                    + "' is not a Java class name.", Map.of("field", "Plugin-Class"));
        }
        return new PluginManifest(id, version, text(a, "Plugin-Description"), text(a, "Plugin-Provider"),
                pluginClass.isEmpty() ? Optional.empty() : Optional.of(pluginClass), requires,
                dependencies(id, text(a, "Plugin-Dependencies"), versions));
    }

    private static List<PluginDependencyInfo> dependencies(String id, String declared, PluginVersions versions) {
        List<PluginDependencyInfo> out = new ArrayList<>();
        for (String entry : declared.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            // Parsed by PF4J's own class so that "id?@range" means here what it means there.
            PluginDependency d = new PluginDependency(entry.trim());
            if (!PluginVersions.isPluginId(d.getPluginId()) || !versions.isRange(d.getPluginVersionSupport())) {
                throw new PluginRejectedException("Plugin-Dependencies entry '" + entry.trim() + "' of plugin '" + id
                        + "' is not of the form id@range (like docker@>=1.0.0).", Map.of("field", "Plugin-Dependencies"));
            }
            if (d.getPluginId().equals(id)) {
                throw new PluginRejectedException("Plugin '" + id + "' lists itself in Plugin-Dependencies.");
            }
            out.add(new PluginDependencyInfo(d.getPluginId(), d.getPluginVersionSupport(), d.isOptional()));
        }
        return out;
    }

    private static String text(Attributes a, String name) {
        String v = a.getValue(name);
        return v == null ? "" : v.trim();
    }
}
