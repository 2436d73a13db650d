package io.slipway.plugins.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slipway.plugin.api.source.TriggerEvent;
import io.slipway.plugin.api.source.WebhookReceiver;
import io.slipway.plugin.api.source.WebhookRejectedException;
import io.slipway.plugin.api.source.WebhookRequest;
import io.slipway.plugin.api.source.WebhookSecrets;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.pf4j.Extension;

/**
 * {@code /hooks/github}: checks {@code X-Hub-Signature-256} against the webhook secrets of the apps
 * that deploy the payload's repository, then turns {@code push} and {@code pull_request} deliveries
 * into trigger events ({@link GitHubEvents}). {@code ping} and every other event are verified and
 * give no events. Nothing in a payload but the repository name is read before the signature holds.
 *
 * <p>Bad or missing signature: 401. A body that is not a JSON object: 400. A repository no app
 * deploys with a webhook secret: no events (the core answers "no app").
 */
@Extension
public final class GitHubWebhookReceiver implements WebhookReceiver {
    static final String EVENT = "X-GitHub-Event";
    static final String DELIVERY = "X-GitHub-Delivery";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String id() {
        return "github";
    }

    @Override
    public String displayName() {
        return "GitHub webhooks";
    }

    @Override
    public Optional<String> deliveryId(WebhookRequest request) {
        return request.header(DELIVERY).map(String::strip).filter(id -> !id.isEmpty() && id.length() <= 100);
    }

    @Override
    public String eventName(WebhookRequest request) {
        return request.header(EVENT).map(String::strip).orElse("");
    }

    @Override
    public List<TriggerEvent> receive(WebhookRequest request, WebhookSecrets secrets) {
        String event = eventName(request);
        if (event.isEmpty()) {
            throw new WebhookRejectedException(400, "Not a GitHub webhook: the X-GitHub-Event header is missing");
        }
        String signature = request.header(WebhookSignature.HEADER).orElseThrow(() -> new WebhookRejectedException(401,
                "The X-Hub-Signature-256 header is missing: set a secret on the GitHub webhook and the same one in the app's source settings"));
        byte[] body = request.body();
        JsonNode payload = parse(body);
        Set<String> candidates = candidateSecrets(payload, secrets);
        if (candidates.isEmpty()) {
            return List.of();
        }
        if (candidates.stream().noneMatch(secret -> WebhookSignature.matches(signature, secret, body))) {
            throw new WebhookRejectedException(401,
                    "The X-Hub-Signature-256 signature does not match: the webhook's secret differs from the app's");
        }
        String delivery = deliveryId(request).orElse("");
        return switch (event) {
            case "push" -> GitHubEvents.push(payload, delivery);
            case "pull_request" -> GitHubEvents.pullRequest(payload, delivery);
            default -> List.of();
        };
    }

    private static JsonNode parse(byte[] body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.isObject()) {
                throw new WebhookRejectedException(400, "The payload is not a JSON object: set the webhook's content type to application/json");
            }
            return node;
        } catch (IOException e) {
            throw new WebhookRejectedException(400, "The payload is not valid JSON: set the webhook's content type to application/json");
        }
    }

    /** Every secret of an app whose source names this repository, in any of the forms GitHub sends. */
    private static Set<String> candidateSecrets(JsonNode payload, WebhookSecrets secrets) {
        JsonNode repo = payload.path("repository");
        Set<String> found = new LinkedHashSet<>();
        for (String field : List.of("clone_url", "html_url", "full_name")) {
            String name = repo.path(field).asText("");
            if (!name.isEmpty()) {
                secrets.forRepository(name).stream().filter(s -> !s.isEmpty()).forEach(found::add);
            }
        }
        return found;
    }
}
