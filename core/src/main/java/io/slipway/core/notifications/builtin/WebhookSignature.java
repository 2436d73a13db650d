package io.slipway.core.notifications.builtin;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The outgoing webhook's signature: {@code sha256=} and the hex HMAC-SHA256 of the raw body with
 * the target's secret, as GitHub signs its webhooks. A receiver recomputes it over the bytes it
 * got and compares in constant time.
 */
public final class WebhookSignature {
    public static final String HEADER = "X-Slipway-Signature-256";

    private WebhookSignature() {
    }

    public static String of(byte[] body, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
