package io.slipway.core.notifications.builtin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slipway.plugin.api.notify.DeploymentDetails;
import io.slipway.plugin.api.notify.DeploymentEvent;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON body the outgoing webhook POSTs (version 1). Optional parts are {@code null} when not
 * known; times are ISO-8601 UTC.
 *
 * <pre>{@code
 * {
 *   "version": 1,
 *   "event": "failed",                 // queued|started|progress|succeeded|failed|cancelled|rolled_back|
 *                                      // health_degraded|preview_created|preview_removed|test
 *   "deploymentId": "42",
 *   "app": "web",
 *   "environment": "production",
 *   "phase": "FAILED",                 // the phase the deployment entered
 *   "revision": "0123abcd...",         // or null
 *   "trigger": "push by ada",
 *   "deploymentUrl": "https://slipway.example/deployments/42",
 *   "at": "2026-11-24T10:01:23Z",
 *   "startedAt": "2026-11-24T10:00:00Z",
 *   "error": "npm run build exited with 1",
 *   "failedPhase": "BUILDING",
 *   "author": "Ada Lovelace",
 *   "commitMessage": "Fix the cart",
 *   "logTail": ["step 3/5", "error: ..."],   // last log lines on failure, secrets masked
 *   "links": {"commit": "https://github.com/acme/web/commit/0123abcd..."}
 * }
 * }</pre>
 */
final class WebhookPayload {
    private static final ObjectMapper JSON = new ObjectMapper();

    private WebhookPayload() {
    }

    static String of(DeploymentEvent e) {
        DeploymentDetails d = e.details();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", 1);
        body.put("event", d.event());
        body.put("deploymentId", e.deploymentId());
        body.put("app", e.app());
        body.put("environment", e.environment());
        body.put("phase", e.phase().name());
        body.put("revision", e.revision().orElse(null));
        body.put("trigger", e.trigger());
        body.put("deploymentUrl", e.deploymentUrl());
        body.put("at", e.at().toString());
        body.put("startedAt", d.startedAt().map(Object::toString).orElse(null));
        body.put("error", e.error().orElse(null));
        body.put("failedPhase", d.failedPhase().map(Enum::name).orElse(null));
        body.put("author", d.author().orElse(null));
        body.put("commitMessage", d.commitMessage().orElse(null));
        body.put("logTail", d.logTail());
        body.put("links", d.links());
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("the payload holds plain JSON types only", ex);
        }
    }
}
