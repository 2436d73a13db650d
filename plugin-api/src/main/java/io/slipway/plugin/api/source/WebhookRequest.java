package io.slipway.plugin.api.source;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An inbound webhook as received at {@code /hooks/<plugin-id>/<path>}: the raw body (for the
 * signature check) and the headers.
 *
 * <pre>{@code
 * String event = request.header("X-GitHub-Event").orElse("");
 * }</pre>
 *
 * @param path what followed {@code /hooks/<plugin-id>}; empty for the plugin's root
 * @param headers header names in any case; looked up case-insensitively by {@link #header}
 * @param body the raw bytes, exactly as signed by the sender
 */
public record WebhookRequest(String path, Map<String, List<String>> headers, byte[] body) {
    public WebhookRequest {
        Objects.requireNonNull(path, "path");
        TreeMap<String, List<String>> ci = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((k, v) -> ci.put(k, List.copyOf(v)));
        headers = java.util.Collections.unmodifiableMap(ci);
        body = body.clone();
    }

    /** The first value of a header, whatever the case of its name. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    @Override
    public byte[] body() {
        return body.clone();
    }
}
