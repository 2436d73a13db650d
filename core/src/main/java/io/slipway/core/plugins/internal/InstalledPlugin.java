package io.slipway.core.plugins.internal;

import io.slipway.core.plugins.PluginInfo;
import io.slipway.core.plugins.PluginStatus;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An installed plugin as the plugin service tracks it. Only a {@link PluginStatus#STARTED} one
 * has extensions (and so references its class loader); every other state holds plain data.
 */
public record InstalledPlugin(PluginJar jar, PluginOrigin origin, PluginStatus status, Optional<String> sha256,
                              Optional<String> error, List<LoadedExtension> extensions) {
    public InstalledPlugin {
        Objects.requireNonNull(jar, "jar");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(error, "error");
        extensions = List.copyOf(extensions);
        if (status != PluginStatus.STARTED && !extensions.isEmpty()) {
            throw new IllegalArgumentException("only a started plugin has extensions");
        }
    }

    public static InstalledPlugin started(PluginJar jar, PluginOrigin origin, Optional<String> sha256,
                                          List<LoadedExtension> extensions) {
        return new InstalledPlugin(jar, origin, PluginStatus.STARTED, sha256, Optional.empty(), extensions);
    }

    public static InstalledPlugin disabled(PluginJar jar, PluginOrigin origin, Optional<String> sha256) {
        return new InstalledPlugin(jar, origin, PluginStatus.DISABLED, sha256, Optional.empty(), List.of());
    }

    public static InstalledPlugin failed(PluginJar jar, PluginOrigin origin, Optional<String> sha256, String error) {
        return new InstalledPlugin(jar, origin, PluginStatus.FAILED, sha256, Optional.of(error), List.of());
    }

    public String id() {
        return jar.id();
    }

    public String version() {
        return jar.version();
    }

    public boolean isStarted() {
        return status == PluginStatus.STARTED;
    }

    public InstalledPlugin asFailed(String reason) {
        return failed(jar, origin, sha256, reason);
    }

    public InstalledPlugin asDisabled() {
        return disabled(jar, origin, sha256);
    }

    public PluginInfo info() {
        PluginManifest m = jar.manifest();
        return new PluginInfo(m.id(), m.version(), m.description(), m.provider(), status, origin.id(),
                m.dependencies(), m.requires(), sha256, error, extensions.stream().map(LoadedExtension::info).toList());
    }
}
