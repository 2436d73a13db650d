package io.slipway.core.webhooks;

/** {@code PUT /api/v1/apps/{app}/webhook-secret}: {@code {"secret": "..."}}. */
public record WebhookSecretBody(String secret) {
}
