package io.slipway.core.apps;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An app in the REST API's shape, the same as it is sent: each choice under its point's key
 * ({@code "builder": {"type", "config", "secretsSet"}}), secret values never included.
 */
final class AppJson {
    private AppJson() {
    }

    static Map<String, Object> of(AppView app) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", app.name());
        out.put("project", app.project());
        for (var point : AppExtensionPoints.SINGLE) {
            app.extension(point.id()).ifPresent(c -> out.put(point.id(), c));
        }
        out.put("createdAt", app.createdAt());
        out.put("updatedAt", app.updatedAt());
        return out;
    }
}
