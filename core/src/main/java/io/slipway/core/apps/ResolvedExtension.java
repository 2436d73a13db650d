package io.slipway.core.apps;

import io.slipway.core.plugins.RegisteredExtension;
import io.slipway.plugin.api.config.Config;
import java.util.Objects;

/**
 * An app's chosen extension, ready to call: the extension and its parsed config with secrets
 * decrypted. For the pipeline only; never serialise it or log its config.
 */
public record ResolvedExtension(RegisteredExtension extension, Config config) {
    public ResolvedExtension {
        Objects.requireNonNull(extension, "extension");
        Objects.requireNonNull(config, "config");
    }

    @Override
    public String toString() {
        return "ResolvedExtension[" + extension.point().id() + "=" + extension.pluginId() + "/" + extension.id() + "]";
    }
}
