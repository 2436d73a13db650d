package io.slipway.core.apps;

import io.slipway.plugin.api.ExtensionPointId;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The extension points an app makes one choice for. Notifiers (several per app) will be a list of
 * choices beside these, under their own key.
 */
public final class AppExtensionPoints {
    public static final List<ExtensionPointId> SINGLE = List.of(
            ExtensionPointId.SOURCE, ExtensionPointId.BUILDER, ExtensionPointId.DEPLOYER, ExtensionPointId.HEALTH);

    private AppExtensionPoints() {
    }

    public static Optional<ExtensionPointId> single(String id) {
        return ExtensionPointId.fromId(id).filter(SINGLE::contains);
    }

    public static String ids() {
        return SINGLE.stream().map(ExtensionPointId::id).collect(Collectors.joining(", "));
    }
}
