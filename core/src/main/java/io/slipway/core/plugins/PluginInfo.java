package io.slipway.core.plugins;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.slipway.core.audit.AuditDetails;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An installed plugin as the REST API and the pages show it.
 *
 * @param status serialised as {@code state}
 * @param origin {@code bundled} (shipped with Slipway) or {@code uploaded}
 * @param requires the Slipway versions it runs on (SemVer expression)
 * @param sha256 of the JAR: computed at upload; for bundled plugins when first listed (not at start,
 *     to keep start-up fast); empty only when the JAR cannot be read
 * @param error why it failed, when {@link PluginStatus#FAILED}
 * @param extensions what it contributes while started; empty otherwise
 */
public record PluginInfo(String id, String version, String description, String provider,
                         @JsonProperty("state") PluginStatus status, String origin,
                         List<PluginDependencyInfo> dependencies, String requires, Optional<String> sha256,
                         Optional<String> error, List<ExtensionInfo> extensions) implements AuditDetails {
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

    /** An install's or upgrade's audit record keeps the plugin's id, version and JAR sha256. */
    @Override
    @JsonIgnore
    public Map<String, String> auditDetails() {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("plugin", id);
        facts.put("version", version);
        sha256.ifPresent(s -> facts.put("sha256", s));
        return facts;
    }
}
