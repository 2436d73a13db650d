package io.slipway.core.notifications;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A target in the API's shape: {@code {"id", "name", "app"?, "notifier": {"type", "config",
 * "secretsSet"}, "events", "createdAt", "updatedAt", "lastFailure"?, "lastDeliveries"?}}. Secret
 * config values are never included; {@code secretsSet} names those stored.
 */
final class NotificationTargetJson {
    private NotificationTargetJson() {
    }

    static Map<String, Object> of(NotificationTarget t, NotificationTargetService targets, boolean withDeliveries) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", t.id());
        json.put("name", t.name());
        t.app().ifPresent(a -> json.put("app", a));
        json.put("notifier", t.notifier().view());
        json.put("events", t.events().stream().sorted().map(NotificationEvent::id).toList());
        json.put("createdAt", t.createdAt());
        json.put("updatedAt", t.updatedAt());
        targets.lastFailure(t.id()).ifPresent(f -> json.put("lastFailure", f));
        if (withDeliveries) {
            List<Delivery> last = targets.deliveries(t.id(), 10);
            json.put("lastDeliveries", last);
        }
        return json;
    }
}
