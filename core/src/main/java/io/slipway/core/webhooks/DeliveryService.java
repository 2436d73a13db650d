package io.slipway.core.webhooks;

import io.slipway.core.ConflictException;
import io.slipway.core.InvalidInputException;
import io.slipway.core.NotFoundException;
import io.slipway.core.http.Page;
import io.slipway.core.http.PageRequest;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * An app's webhook deliveries ("Recent deliveries"), and redelivering a verified one: its kept
 * payload goes through the intake again, for that app alone and past the duplicate check, and is
 * recorded as a new delivery.
 */
public final class DeliveryService {
    private final Jdbi jdbi;
    private final DeliveryStore store;
    private final WebhookIntake intake;

    public DeliveryService(Jdbi jdbi, WebhookIntake intake) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.store = new DeliveryStore(jdbi);
        this.intake = Objects.requireNonNull(intake, "intake");
    }

    /** What a redelivery came to: the new delivery's record and what the intake answered. */
    public record Redelivered(DeliveryRecord delivery, int status, java.util.Map<String, Object> answer) {
    }

    /** @throws NotFoundException when there is no such app */
    public Page<DeliveryRecord> list(String app, PageRequest page) {
        long appId = appId(app);
        Optional<Long> before = page.after().map(DeliveryService::cursor);
        return Page.of(store.forApp(appId, before, page.fetchSize()), page, d -> String.valueOf(d.id()));
    }

    /**
     * @throws NotFoundException when the app or the delivery (of that app) does not exist
     * @throws ConflictException when the delivery's payload was not kept (unverified, or too large)
     */
    public Redelivered redeliver(String app, long deliveryId) {
        long appId = appId(app);
        StoredDelivery stored = store.stored(appId, deliveryId).orElseThrow(() -> store.concerns(appId, deliveryId)
                ? new ConflictException("Delivery " + deliveryId + " cannot be redelivered: only verified deliveries "
                + "of at most " + DeliveryStore.MAX_STORED_BODY + " bytes are kept. Ask the provider to redeliver it.")
                : new NotFoundException("Delivery", String.valueOf(deliveryId)));
        WebhookIntake.Handled handled = intake.redeliver(appId, stored);
        long id = handled.recordId().orElseThrow(() -> new IllegalStateException("A redelivery left no record"));
        DeliveryRecord record = store.forApp(appId, Optional.of(id + 1), 1).stream().filter(d -> d.id() == id)
                .findFirst().orElseThrow(() -> new IllegalStateException("Delivery " + id + " is not the app's"));
        return new Redelivered(record, handled.answer().status(), handled.answer().body());
    }

    private long appId(String app) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id FROM apps WHERE name = :n").bind("n", app)
                .mapTo(Long.class).findOne()).orElseThrow(() -> new NotFoundException("App", app));
    }

    private static long cursor(String key) {
        try {
            return Long.parseLong(key);
        } catch (NumberFormatException e) {
            throw InvalidInputException.field("cursor", "is not a cursor this list gave out");
        }
    }
}
