package io.slipway.core.notifications;

import io.slipway.core.apps.StoredChoice;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Where deployment events go: a notifier extension with its stored config (secrets encrypted),
 * for every app ({@code app} empty) or one app, and the events it wants.
 */
public record NotificationTarget(long id, Optional<Long> appId, Optional<String> app, String name, StoredChoice notifier,
                                 Set<NotificationEvent> events, Instant createdAt, Instant updatedAt) {
    public NotificationTarget {
        Objects.requireNonNull(appId, "appId");
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(notifier, "notifier");
        events = Set.copyOf(events);
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    public boolean wants(String event) {
        return NotificationEvent.fromId(event).map(events::contains).orElse(false);
    }
}
