package io.slipway.plugins.gitlab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slipway.plugin.api.source.TriggerEvent;
import io.slipway.plugin.api.source.WebhookReceiver;
import io.slipway.plugin.api.source.WebhookRejectedException;
import io.slipway.plugin.api.source.WebhookRequest;
import io.slipway.plugin.api.source.WebhookSecrets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.pf4j.Extension;

/**
 * {@code /hooks/gitlab}: checks {@code X-Gitlab-Token} (constant time) against the webhook secrets
 * of the apps that deploy the payload's project, then turns Push Hook, Tag Push Hook and Merge
 * Request Hook deliveries into trigger events ({@link GitLabEvents}). Other events are checked and
 * give no events.
 *
 * <p>The delivery id is GitLab's {@code Idempotency-Key} (the same on every retry of one event,
 * GitLab 17.4+), else {@code X-Gitlab-Event-UUID}.
 */
@Extension
public final class GitLabWebhookReceiver implements WebhookReceiver {
    static final String EVENT = "X-Gitlab-Event";
    static final String TOKEN = "X-Gitlab-Token";
    static final String EVENT_UUID = "X-Gitlab-Event-UUID";
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String id() {
        return "gitlab";
    }

    @Override
    public String displayName() {
        return "GitLab webhooks";
    }

    @Override
    public Optional<String> deliveryId(WebhookRequest request) {
        return request.header(IDEMPOTENCY_KEY).or(() -> request.header(EVENT_UUID))
                .map(String::strip).filter(id -> !id.isEmpty() && id.length() <= 100);
    }

    @Override
    public String eventName(WebhookRequest request) {
        return request.header(EVENT).map(String::strip).orElse("");
    }

    @Override
    public List<TriggerEvent> receive(WebhookRequest request, WebhookSecrets secrets) {
        String event = eventName(request);
        if (event.isEmpty()) {
            throw new WebhookRejectedException(400, "Not a GitLab webhook: the X-Gitlab-Event header is missing");
        }
        String token = request.header(TOKEN).orElseThrow(() -> new WebhookRejectedException(401,
                "The X-Gitlab-Token header is missing: set a secret token on the GitLab webhook and the same one in the app's source settings"));
        JsonNode payload = parse(request.body());
        Set<String> candidates = candidateSecrets(payload, secrets);
        if (candidates.isEmpty()) {
            return List.of();
        }
        byte[] sent = digest(token);
        if (candidates.stream().noneMatch(secret -> MessageDigest.isEqual(digest(secret), sent))) {
            throw new WebhookRejectedException(401, "The X-Gitlab-Token does not match the app's webhook secret token");
        }
        String delivery = deliveryId(request).orElse("");
        return switch (event) {
            case "Push Hook" -> GitLabEvents.push(payload, delivery, TriggerEvent.Kind.PUSH);
            case "Tag Push Hook" -> GitLabEvents.push(payload, delivery, TriggerEvent.Kind.TAG);
            case "Merge Request Hook" -> GitLabEvents.mergeRequest(payload, delivery);
            default -> List.of();
        };
    }

    private static JsonNode parse(byte[] body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.isObject()) {
                throw new WebhookRejectedException(400, "The payload is not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new WebhookRejectedException(400, "The payload is not valid JSON");
        }
    }

    /** Every secret of an app whose source names this project, in any of the forms GitLab sends. */
    private static Set<String> candidateSecrets(JsonNode payload, WebhookSecrets secrets) {
        JsonNode project = payload.path("project");
        Set<String> found = new LinkedHashSet<>();
        for (String field : List.of("git_http_url", "web_url", "path_with_namespace")) {
            String name = project.path(field).asText("");
            if (!name.isEmpty()) {
                secrets.forRepository(name).stream().filter(s -> !s.isEmpty()).forEach(found::add);
            }
        }
        return found;
    }

    // Comparing digests keeps the comparison constant-time whatever the lengths of the two tokens.
    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
