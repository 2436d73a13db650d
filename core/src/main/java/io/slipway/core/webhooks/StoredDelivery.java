package io.slipway.core.webhooks;

import java.util.Objects;

/** What a redelivery replays: a verified delivery's plugin, path, encrypted headers and body. */
record StoredDelivery(long id, String provider, String path, String headersEncrypted, byte[] body) {
    StoredDelivery {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(headersEncrypted, "headersEncrypted");
        Objects.requireNonNull(body, "body");
    }
}
