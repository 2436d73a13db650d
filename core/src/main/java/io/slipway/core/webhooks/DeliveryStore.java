package io.slipway.core.webhooks;

import io.slipway.core.projects.SqlTimes;
import io.slipway.core.projects.UniqueViolation;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code webhook_deliveries}. Claiming a delivery id is one INSERT: the unique constraint on
 * (provider, delivery id) decides which of two identical deliveries wins, on one server or many.
 */
final class DeliveryStore {
    private final Jdbi jdbi;

    DeliveryStore(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    /** The new row's id, or empty when this delivery id was claimed before (a redelivery). */
    Optional<Long> claim(String provider, String deliveryId, String event, String repository, Instant now) {
        try {
            return Optional.of(jdbi.withHandle(h -> h.createUpdate("INSERT INTO webhook_deliveries (provider, "
                            + "delivery_id, event, repository, outcome, received_at) VALUES (:p, :d, :e, :r, 'received', :t)")
                    .bind("p", provider).bind("d", clip(deliveryId, 255)).bind("e", clip(event, 63))
                    .bind("r", clip(repository, 255)).bind("t", SqlTimes.bind(now))
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one()));
        } catch (RuntimeException e) {
            if (UniqueViolation.isCauseOf(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    void complete(long id, String outcome, List<Long> deploymentIds) {
        String ids = deploymentIds.stream().map(String::valueOf).collect(Collectors.joining(","));
        jdbi.useHandle(h -> h.createUpdate("UPDATE webhook_deliveries SET outcome = :o, deployment_ids = :ids WHERE id = :id")
                .bind("o", outcome).bind("ids", clip(ids, 1024)).bind("id", id).execute());
    }

    /** Lets a redelivery try again after this one failed before queueing anything. */
    void release(long id) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM webhook_deliveries WHERE id = :id").bind("id", id).execute());
    }

    long count() {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM webhook_deliveries").mapTo(Long.class).one());
    }

    private static String clip(String s, int max) {
        return s.length() > max ? s.substring(0, max) : s;
    }
}
