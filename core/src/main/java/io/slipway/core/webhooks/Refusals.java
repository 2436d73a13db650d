package io.slipway.core.webhooks;

import io.slipway.plugin.api.StepFailedException;
import io.slipway.plugin.api.source.WebhookRejectedException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What the intake answers when a delivery's receiver refused it or failed on it. */
final class Refusals {
    private static final Logger LOG = LoggerFactory.getLogger(Refusals.class);

    private Refusals() {
    }

    /** The answer to a delivery its receiver refused (or failed on). */
    static WebhookAnswer answer(DeliveryTrace t, SecretLookup lookup, StepFailedException e) {
        WebhookIntake.concerns(t, lookup);
        Optional<WebhookRejectedException> rejected = rejection(e);
        if (rejected.isEmpty()) {
            LOG.warn("The webhook receiver of plugin {} failed: {}", t.plugin, e.getMessage());
            return WebhookAnswer.error(500, "receiver_failed", "The webhook receiver failed: " + e.getMessage());
        }
        int status = rejected.get().status();
        if (status == 401) {
            t.signatureValid = Optional.of(false);
        }
        if (status == 401 && lookup.asked() && lookup.matchedNone()) {
            return WebhookAnswer.of(202, "no_app", "No app deploys repository " + lookup.repository()
                    + ": nothing to do.");
        }
        if (status == 401 && lookup.asked() && lookup.secretsOffered() == 0) {
            return noSecret(lookup);
        }
        return WebhookAnswer.error(status, status == 401 ? "invalid_signature" : status == 400 ? "malformed_payload"
                : "webhook_rejected", rejected.get().getMessage());
    }

    static WebhookAnswer noSecret(SecretLookup lookup) {
        return WebhookAnswer.error(401, "invalid_signature", "No app deploying " + lookup.repository() + " has a webhook "
                + "secret: generate one (POST /api/v1/apps/<app>/webhook-secret) and set it on the webhook.");
    }

    static Optional<WebhookRejectedException> rejection(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof WebhookRejectedException w) {
                return Optional.of(w);
            }
        }
        return Optional.empty();
    }
}
