package io.slipway.core.webhooks;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One webhook delivery as an app's "Recent deliveries" shows it.
 *
 * @param signature {@code valid}, {@code invalid}, or {@code unchecked} (the receiver asked for no secret)
 * @param outcome what the intake made of it: {@code queued}, {@code ignored}, {@code duplicate},
 *        {@code no_app}, or the error code it answered ({@code invalid_signature}, ...)
 * @param matchedRule the rules that matched (or why none did), per app
 * @param redeliverable whether its verified payload is kept, so it can be redelivered
 * @param redeliveryOf the delivery this one replayed, or null
 */
public record DeliveryRecord(long id, String provider, String deliveryId, String event, String repository,
                             String signature, String outcome, String matchedRule, List<Long> deployments,
                             int responseCode, Instant receivedAt, boolean redeliverable, Long redeliveryOf) {
    public DeliveryRecord {
        Objects.requireNonNull(provider, "provider");
        deployments = List.copyOf(deployments);
    }
}
