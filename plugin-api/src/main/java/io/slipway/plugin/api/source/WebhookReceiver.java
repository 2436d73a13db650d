package io.slipway.plugin.api.source;

import io.slipway.plugin.api.SlipwayExtension;
import java.util.List;

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
}
