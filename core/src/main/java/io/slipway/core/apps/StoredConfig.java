package io.slipway.core.apps;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An extension choice's config as kept in {@code app_extensions.config_json}, format version 1:
 * {@code {"values": {...}, "secrets": {"token": "v1:..."}}}. Values are what the user gave (typed,
 * defaults not filled in, so a later default applies); secrets are encrypted by SecretCipher and
 * kept apart, so no plain value can be mistaken for one when a schema changes.
 */
public record StoredConfig(Map<String, Object> values, Map<String, String> encryptedSecrets) {
    public static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    public StoredConfig {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        encryptedSecrets = Collections.unmodifiableMap(new LinkedHashMap<>(encryptedSecrets));
    }

    public String toJson() {
        try {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("values", values);
            doc.put("secrets", encryptedSecrets);
            return JSON.writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("config values are plain JSON types", e);
        }
    }

    @SuppressWarnings("unchecked")
    public static StoredConfig fromJson(String json, int version) {
        Objects.requireNonNull(json, "json");
        if (version != VERSION) {
            throw new IllegalStateException("Stored config version " + version + " is newer than this Slipway ("
                    + VERSION + "); upgrade Slipway");
        }
        try {
            Map<String, Object> doc = JSON.readValue(json, MAP);
            Map<String, Object> values = (Map<String, Object>) doc.getOrDefault("values", Map.of());
            Map<String, String> secrets = (Map<String, String>) doc.getOrDefault("secrets", Map.of());
            return new StoredConfig(values, secrets);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored app config is not valid JSON", e);
        }
    }

    @Override
    public String toString() {
        return "StoredConfig[values=" + values + ", secrets=" + encryptedSecrets.keySet() + "]";
    }
}
