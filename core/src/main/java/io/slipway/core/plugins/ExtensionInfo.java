package io.slipway.core.plugins;

import java.util.Objects;

/**
 * One extension a plugin contributes.
 *
 * @param point the extension point id ({@code notifier})
 * @param id the extension's id within the point
 * @param displayName its name for people
 */
public record ExtensionInfo(String point, String id, String displayName) {
    public ExtensionInfo {
        Objects.requireNonNull(point, "point");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(displayName, "displayName");
    }
}
