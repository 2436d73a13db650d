package io.slipway.core.webhooks;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A delivery about to be written: who sent what, whether its signature held, and (verified only)
 * what a redelivery replays.
 *
 * @param signatureValid TRUE verified, FALSE refused, empty when Slipway checked nothing
 * @param headersEncrypted the request headers as JSON encrypted with SecretCipher (verified only)
 * @param body the raw body (verified only, and only up to {@link DeliveryStore#MAX_STORED_BODY} bytes)
 */
record DeliveryEntry(String provider, String path, String deliveryId, String event, String repository,
                     Optional<Boolean> signatureValid, Optional<String> headersEncrypted, Optional<byte[]> body,
                     Optional<Long> redeliveryOf, List<Long> appIds) {
    DeliveryEntry {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(deliveryId, "deliveryId");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(signatureValid, "signatureValid");
        Objects.requireNonNull(headersEncrypted, "headersEncrypted");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(redeliveryOf, "redeliveryOf");
        appIds = List.copyOf(appIds);
    }
}
