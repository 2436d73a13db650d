package io.slipway.plugin.api;

import java.util.Optional;

/**
 * A plugin's own secrets, encrypted at rest by the core and masked in every deployment log.
 *
 * <pre>{@code
 * String token = context.secrets().get("installation-token").orElseGet(this::refreshToken);
 * context.secrets().put("installation-token", token);
 * }</pre>
 */
public interface SecretStore {

    Optional<String> get(String key);

    void put(String key, String value);

    void remove(String key);
}
