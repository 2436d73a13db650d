package io.slipway.core.webhooks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@code /hooks/<plugin>} answers: a status and a JSON body, either
 * {@code {"status": "queued"|"ignored"|"no_app"|"duplicate", ...}} or the API's error shape.
 */
public record WebhookAnswer(int status, Map<String, Object> body) {
    public WebhookAnswer {
        Objects.requireNonNull(body, "body");
    }

    /** What the deliveries list shows: the status ("queued", "duplicate", ...) or the error's code. */
    String outcome() {
        Object status = body.get("status");
        if (status != null) {
            return status.toString();
        }
        Object error = body.get("error");
        return error instanceof Map<?, ?> m && m.get("code") != null ? m.get("code").toString() : "error";
    }

    static WebhookAnswer of(int status, String outcome, String message) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("status", outcome);
        b.put("message", message);
        return new WebhookAnswer(status, b);
    }

    static WebhookAnswer queued(String deliveryId, List<Long> deployments, List<String> removedPreviews,
                                List<String> heldBackPreviews, String message) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("status", "queued");
        b.put("message", message);
        b.put("deliveryId", deliveryId);
        b.put("deployments", deployments);
        b.put("removedPreviews", removedPreviews);
        b.put("heldBackPreviews", heldBackPreviews);
        return new WebhookAnswer(202, b);
    }

    static WebhookAnswer error(int status, String code, String message) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("code", code);
        e.put("message", message);
        e.put("details", Map.of());
        return new WebhookAnswer(status, Map.of("error", e));
    }
}
