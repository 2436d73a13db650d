package io.slipway.core.webhooks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One delivery on its way through {@link WebhookIntake}: what its record in the deliveries list
 * will say. Mutable, and confined to the thread handling the delivery.
 */
final class DeliveryTrace {
    final String plugin;
    final String path;
    final Map<String, List<String>> headers;
    final byte[] body;
    final Optional<Long> onlyApp;
    final Optional<Long> redeliveryOf;
    final java.util.Set<Long> appIds = new java.util.LinkedHashSet<>();
    final List<String> matched = new ArrayList<>();
    final List<Long> queued = new ArrayList<>();
    Optional<Boolean> signatureValid = Optional.empty();
    Optional<Long> claimed = Optional.empty();
    String deliveryId = "";
    String event = "";
    String repository = "";
    boolean happened;
    /** The record already says what the delivery came to (written with its deployments). */
    boolean completed;

    DeliveryTrace(String plugin, String path, Map<String, List<String>> headers, byte[] body, Optional<Long> onlyApp,
          Optional<Long> redeliveryOf) {
        this.plugin = plugin;
        this.path = path;
        this.headers = headers;
        this.body = body;
        this.onlyApp = onlyApp;
        this.redeliveryOf = redeliveryOf;
    }

    void concerns(String repo, List<HookApps.HookApp> apps) {
        repository = repo;
        apps.forEach(a -> appIds.add(a.app().id()));
    }
}
