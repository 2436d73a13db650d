package io.slipway.core.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slipway.core.http.JsonMapper;
import io.slipway.core.secrets.SecretCipher;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A kept delivery's headers, encrypted: they carry what authenticates a delivery (GitLab's
 * {@code X-Gitlab-Token} is the webhook secret itself), so they are stored like secrets are.
 */
final class DeliveryPayloads {
    private static final ObjectMapper JSON = JsonMapper.create();
    private static final TypeReference<Map<String, List<String>>> HEADERS = new TypeReference<>() { };

    private DeliveryPayloads() {
    }

    static String encryptHeaders(SecretCipher cipher, Map<String, List<String>> headers) {
        try {
            return cipher.encrypt(JSON.writeValueAsString(headers));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Headers could not be written as JSON", e);
        }
    }

    /** Empty when the key that encrypted them is gone (a redelivery is then impossible). */
    static Optional<Map<String, List<String>>> headers(SecretCipher cipher, String encrypted) {
        Optional<String> plain = cipher.tryDecrypt(encrypted);
        if (plain.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(plain.get(), HEADERS));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A kept delivery's headers are not JSON", e);
        }
    }
}
