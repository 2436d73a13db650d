package io.slipway.core.plugins;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An installed plugin as the REST API and the pages show it.
 *
 * @param status serialised as {@code state}
 * @param origin {@code bundled} (shipped with Slipway) or {@code uploaded}
 * @param requires the Slipway versions it runs on (SemVer expression)
 * @param sha256 of the uploaded JAR; empty for bundled plugins (not hashed, to keep start-up fast)
 * @param error why it failed, when {@link PluginStatus#FAILED}
 * @param extensions what it contributes while started; empty otherwise
 */
public record PluginInfo(String id, String version, String description, String provider,
                         @JsonProperty("state") PluginStatus status, String origin,
                         List<PluginDependencyInfo> dependencies, String requires, Optional<String> sha256,
                         Optional<String> error, List<ExtensionInfo> extensions) {
    public PluginInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(origin, "origin");
        dependencies = List.copyOf(dependencies);
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(error, "error");
        extensions = List.copyOf(extensions);
    }
}
