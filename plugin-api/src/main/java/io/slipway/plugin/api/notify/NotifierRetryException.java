package io.slipway.plugin.api.notify;

import io.slipway.plugin.api.SlipwayPluginException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link Notifier} throws to tell the core how to retry a failed delivery. Any other
 * exception is retried with the core's exponential back-off; this one lets a notifier pass on
 * the service's {@code Retry-After}, or say that retrying cannot help (a revoked token, a
 * deleted channel), so the failure is recorded at once and shown on the target's page.
 *
 * <pre>{@code
 * if (response.statusCode() == 429) {
 *     Duration wait = response.headers().firstValue("Retry-After")
 *         .map(s -> Duration.ofSeconds(Long.parseLong(s.trim()))).orElse(null);
 *     throw NotifierRetryException.retryAfter("Slack is rate limiting this app", wait);
 * }
 * if ("channel_not_found".equals(error)) {
 *     throw NotifierRetryException.permanent("Slack says channel_not_found: invite the bot to the channel");
 * }
 * }</pre>
 */
public class NotifierRetryException extends SlipwayPluginException {
    private final transient Optional<Duration> retryAfter;
    private final boolean permanent;

    /**
     * @param message what a user reads on the target's page; says what to do
     * @param retryAfter how long to wait before the next attempt, when the service said so
     * @param permanent true when no retry can succeed
     */
    public NotifierRetryException(String message, Optional<Duration> retryAfter, boolean permanent) {
        super(message);
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter").filter(d -> !d.isNegative());
        this.permanent = permanent;
    }

    /** A failure worth retrying after {@code wait} (null: the core's own back-off). */
    public static NotifierRetryException retryAfter(String message, Duration wait) {
        return new NotifierRetryException(message, Optional.ofNullable(wait), false);
    }

    /** A failure no retry can fix; the core records it without trying again. */
    public static NotifierRetryException permanent(String message) {
        return new NotifierRetryException(message, Optional.empty(), true);
    }

    /** How long the service asked to wait; empty means the core's back-off applies. */
    public Optional<Duration> retryAfter() {
        return retryAfter;
    }

    /** Whether retrying is pointless. */
    public boolean isPermanent() {
        return permanent;
    }
}
