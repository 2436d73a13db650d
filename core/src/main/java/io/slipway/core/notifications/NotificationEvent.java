package io.slipway.core.notifications;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a notification target can subscribe to; the ids are the API's
 * ({@code "events": ["failed", "succeeded"]}) and {@code DeploymentDetails.event()}'s.
 * {@code progress} is every phase change between {@code started} and the end (a Slack message
 * updated as the deployment goes); {@code health_degraded} and the preview events are emitted by
 * the features that detect them.
 */
public enum NotificationEvent {
    QUEUED, STARTED, PROGRESS, SUCCEEDED, FAILED, CANCELLED, ROLLED_BACK, HEALTH_DEGRADED, PREVIEW_CREATED,
    PREVIEW_REMOVED;

    /** What a target gets when its body names no events: everything but the noisy {@code progress}. */
    public static final Set<NotificationEvent> DEFAULTS = EnumSet.complementOf(EnumSet.of(PROGRESS));

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<NotificationEvent> fromId(String id) {
        return Arrays.stream(values()).filter(e -> e.id().equals(id)).findFirst();
    }
}
