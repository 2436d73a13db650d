package io.slipway.core.notifications;

import io.slipway.core.apps.ExtensionChoice;
import java.util.List;

/**
 * A target as a user sends it:
 * {@code {"name": "team chat", "notifier": {"type": "slack", "config": {...}}, "events": ["failed"]}}.
 * On PATCH, absent parts stay as they are; a secret left out keeps its stored value.
 */
public record NotificationTargetBody(String name, ExtensionChoice notifier, List<String> events) {
}
