package io.slipway.core.plugins;

import java.util.Objects;

/**
 * One entry of a plugin's {@code Plugin-Dependencies}.
 *
 * @param id the plugin depended on
 * @param versionRange a SemVer expression its version must satisfy ({@code *} for any)
 * @param optional the plugin starts without it (declared as {@code id?})
 */
public record PluginDependencyInfo(String id, String versionRange, boolean optional) {
    public PluginDependencyInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(versionRange, "versionRange");
    }

    /** {@code id@range}, as written in a descriptor and in error messages. */
    public String label() {
        return id + "@" + versionRange;
    }
}
