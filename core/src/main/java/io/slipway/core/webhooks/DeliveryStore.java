package io.slipway.core.webhooks;

import io.slipway.core.projects.SqlTimes;
import io.slipway.core.projects.UniqueViolation;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code webhook_deliveries} and {@code webhook_delivery_apps}: every delivery that concerned an
 * app. Claiming a delivery id is one INSERT carrying {@code claim_key}: the unique constraint on it
 * decides which of two identical deliveries deploys, on one server or many; rows of deliveries that
 * deploy nothing (refused, ignored, duplicates, redeliveries) leave it NULL.
 */
final class DeliveryStore {
    /** Bodies up to this size are kept for "redeliver"; larger verified ones are recorded without. */
    static final int MAX_STORED_BODY = 1024 * 1024;
    private static final String COLUMNS = "d.id, d.provider, d.delivery_id, d.event, d.repository, d.signature_valid, "
            + "d.outcome, d.matched_rule, d.deployment_ids, d.response_code, d.received_at, d.redelivery_of, "
            + "CASE WHEN d.body IS NULL THEN FALSE ELSE TRUE END AS kept";

    /** How many claim keys {@link #claimedHere} remembers (a few MB): GitHub redelivers within days. */
    private static final int RECENT_CLAIMS = 65_536;

    private final Jdbi jdbi;
    /** Claim keys, oldest first; the oldest is forgotten past {@link #RECENT_CLAIMS}. */
    private final java.util.LinkedHashMap<String, Boolean> recentClaims = new java.util.LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > RECENT_CLAIMS;
        }
    };

    DeliveryStore(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    /**
     * Claims the delivery's id: inserts its row carrying {@code claim_key}, saying what it came to
     * when that is known already ("received" otherwise). Inside the caller's transaction; throws a
     * unique violation ({@link UniqueViolation#isCauseOf}) when the id was claimed before.
     */
    static long claim(Handle h, DeliveryEntry e, Instant now, String outcome, int responseCode, String matched,
                      List<Long> deployments) {
        return insert(h, e, now, Optional.of(claimKey(e)), outcome, responseCode,
                matched, deployments);
    }

    /**
     * Whether this server claimed the delivery's id lately: a redelivery of it is answered without a
     * query or a turn at the group commit. Others (claimed by another server, or before a restart)
     * meet the unique constraint, which decides every race.
     */
    boolean claimedHere(String provider, String deliveryId) {
        synchronized (recentClaims) {
            return recentClaims.containsKey(claimKey(provider, deliveryId));
        }
    }

    /** Remembers a claim that committed. */
    void claimedNow(DeliveryEntry e) {
        synchronized (recentClaims) {
            recentClaims.put(claimKey(e), Boolean.TRUE);
        }
    }

    /** Forgets a claim given up (see {@link #complete}): the sender may deliver it again. */
    void released(String provider, String deliveryId) {
        synchronized (recentClaims) {
            recentClaims.remove(claimKey(provider, deliveryId));
        }
    }

    private static String claimKey(DeliveryEntry e) {
        return claimKey(e.provider(), e.deliveryId());
    }

    private static String claimKey(String provider, String deliveryId) {
        return provider + ":" + clip(deliveryId, 255);
    }

    /** Records a delivery that claims nothing; returns its id. */
    static long record(Handle h, DeliveryEntry e, Instant now, String outcome, int responseCode, String matched,
                       List<Long> deployments) {
        return insert(h, e, now, Optional.empty(), outcome, responseCode, matched, deployments);
    }

    /**
     * Writes what a claimed delivery came to; {@code release} also gives up the claim, so the
     * sender's redelivery may try again (nothing happened).
     */
    static void complete(Handle h, long id, String outcome, int responseCode, String matched, List<Long> deployments,
                         boolean release) {
        h.createUpdate("UPDATE webhook_deliveries SET outcome = :o, response_code = :c, "
                        + "matched_rule = :m, deployment_ids = :ids" + (release ? ", claim_key = NULL" : "")
                        + " WHERE id = :id")
                .bind("o", clip(outcome, 32)).bind("c", responseCode).bind("m", clip(matched, 1024))
                .bind("ids", ids(deployments)).bind("id", id).execute();
    }

    /** Deliveries that claimed their id (the bench counts them). */
    long count() {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM webhook_deliveries WHERE claim_key IS NOT NULL")
                .mapTo(Long.class).one());
    }

    /** The app's deliveries older than {@code before} (all when empty), newest first. */
    List<DeliveryRecord> forApp(long appId, Optional<Long> before, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM webhook_deliveries d "
                        + "JOIN webhook_delivery_apps a ON a.delivery = d.id WHERE a.app_id = :app AND d.id < :before "
                        + "ORDER BY d.id DESC LIMIT :limit")
                .bind("app", appId).bind("before", before.orElse(Long.MAX_VALUE)).bind("limit", limit)
                .map((rs, ctx) -> {
                    boolean valid = rs.getBoolean("signature_valid");
                    String signature = rs.wasNull() ? "unchecked" : valid ? "valid" : "invalid";
                    long of = rs.getLong("redelivery_of");
                    Long redeliveryOf = rs.wasNull() ? null : of;
                    String ids = rs.getString("deployment_ids");
                    List<Long> deployments = ids == null || ids.isBlank() ? List.of()
                            : Arrays.stream(ids.split(",")).map(Long::valueOf).toList();
                    String matched = rs.getString("matched_rule");
                    return new DeliveryRecord(rs.getLong("id"), rs.getString("provider"), rs.getString("delivery_id"),
                            rs.getString("event"), rs.getString("repository"), signature, rs.getString("outcome"),
                            matched == null ? "" : matched, deployments, rs.getInt("response_code"),
                            SqlTimes.read(rs, "received_at"), rs.getBoolean("kept"), redeliveryOf);
                }).list());
    }

    /** The delivery's kept payload, if it concerned the app and was verified and small enough to keep. */
    Optional<StoredDelivery> stored(long appId, long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT d.id, d.provider, d.hook_path, d.headers_enc, d.body "
                        + "FROM webhook_deliveries d JOIN webhook_delivery_apps a ON a.delivery = d.id "
                        + "WHERE a.app_id = :app AND d.id = :id AND d.body IS NOT NULL AND d.headers_enc IS NOT NULL")
                .bind("app", appId).bind("id", id)
                .map((rs, ctx) -> new StoredDelivery(rs.getLong("id"), rs.getString("provider"),
                        rs.getString("hook_path"), rs.getString("headers_enc"), rs.getBytes("body")))
                .findFirst());
    }

    /** Whether the delivery exists and concerned the app (kept payload or not). */
    boolean concerns(long appId, long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM webhook_delivery_apps WHERE app_id = :app "
                + "AND delivery = :id").bind("app", appId).bind("id", id).mapTo(Integer.class).one() > 0);
    }

    private static long insert(Handle h, DeliveryEntry e, Instant now, Optional<String> claimKey, String outcome,
                               int responseCode, String matched, List<Long> deployments) {
        long id = h.createUpdate("INSERT INTO webhook_deliveries (provider, delivery_id, event, repository, outcome, "
                        + "deployment_ids, received_at, claim_key, signature_valid, response_code, matched_rule, "
                        + "hook_path, headers_enc, body, redelivery_of) VALUES (:p, :d, :e, :r, :o, :ids, :t, :k, :s, "
                        + ":c, :m, :path, :h, :b, :of)")
                .bind("p", clip(e.provider(), 63)).bind("d", clip(e.deliveryId(), 255)).bind("e", clip(e.event(), 63))
                .bind("r", clip(e.repository(), 255)).bind("o", clip(outcome, 32)).bind("ids", ids(deployments))
                .bind("t", SqlTimes.bind(now)).bind("k", claimKey.orElse(null))
                .bind("s", e.signatureValid().orElse(null)).bind("c", responseCode).bind("m", clip(matched, 1024))
                .bind("path", clip(e.path(), 255)).bind("h", e.headersEncrypted().orElse(null))
                .bind("b", e.body().orElse(null)).bind("of", e.redeliveryOf().orElse(null))
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
        if (!e.appIds().isEmpty()) {
            var batch = h.prepareBatch("INSERT INTO webhook_delivery_apps (delivery, app_id) VALUES (:d, :a)");
            for (long app : e.appIds()) {
                batch.bind("d", id).bind("a", app).add();
            }
            batch.execute();
        }
        return id;
    }

    private static String ids(List<Long> deployments) {
        return clip(deployments.stream().map(String::valueOf).collect(Collectors.joining(",")), 1024);
    }

    private static String clip(String s, int max) {
        return s.length() > max ? s.substring(0, max) : s;
    }
}
