package io.slipway.plugin.api.source;

import io.slipway.plugin.api.SlipwayExtension;
import java.util.List;
import java.util.Optional;

/**
 * Verifies and parses an inbound webhook into trigger events. Point id: {@code webhook}; the
 * extension's {@link #id()} is the path under {@code /hooks/}.
 *
 * <p>Must compare signatures in constant time ({@code MessageDigest.isEqual}) and never return an
 * event from an unverified request: throw {@link WebhookRejectedException} instead.
 *
 * <pre>{@code
 * public List<TriggerEvent> receive(WebhookRequest request, WebhookSecrets secrets) {
 *     String repo = parseRepository(request.body());
 *     if (secrets.forRepository(repo).stream().noneMatch(s -> verify(s, request))) {
 *         throw new WebhookRejectedException(401, "signature does not match");
 *     }
 *     return List.of(new TriggerEvent(TriggerEvent.Kind.PUSH, repo, "refs/heads/main", sha, ...));
 * }
 * }</pre>
 */
public interface WebhookReceiver extends SlipwayExtension {

    /** Zero events for requests that are valid but mean nothing to deploy (a ping). */
    List<TriggerEvent> receive(WebhookRequest request, WebhookSecrets secrets);

    /**
     * The sender's id of this delivery ({@code X-GitHub-Delivery}, {@code X-Gitlab-Event-UUID}),
     * read from the headers only, so the core can record every delivery (also ignored and rejected
     * ones) and answer a redelivery of an accepted one as a duplicate. Empty when the request has
     * none. Not verified: trust it only after {@link #receive} accepted the request.
     *
     * <pre>{@code
     * public Optional<String> deliveryId(WebhookRequest request) {
     *     return request.header("X-GitHub-Delivery").filter(id -> !id.isBlank());
     * }
     * }</pre>
     */
    default Optional<String> deliveryId(WebhookRequest request) {
        return Optional.empty();
    }

    /**
     * The sender's name for the kind of event ({@code push}, {@code pull_request},
     * {@code Merge Request Hook}), for the deliveries page; empty when unknown. Headers only.
     *
     * <pre>{@code
     * public String eventName(WebhookRequest request) {
     *     return request.header("X-GitHub-Event").orElse("");
     * }
     * }</pre>
     */
    default String eventName(WebhookRequest request) {
        return "";
    }
}
