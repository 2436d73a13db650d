package io.slipway.core.health.builtin;

import io.slipway.core.plugins.ExtensionRegistry;
import io.slipway.core.plugins.RegisteredExtension;
import io.slipway.plugin.api.ExtensionPointId;
import java.util.List;

/** The health checkers built into the core, registered under {@link ExtensionRegistry#CORE}. */
public final class BuiltinHealthCheckers {
    private BuiltinHealthCheckers() {
    }

    public static List<RegisteredExtension> extensions() {
        return List.of(
                new RegisteredExtension(ExtensionPointId.HEALTH, ExtensionRegistry.CORE, new HttpHealthChecker()),
                new RegisteredExtension(ExtensionPointId.HEALTH, ExtensionRegistry.CORE, new TcpHealthChecker()));
    }
}
