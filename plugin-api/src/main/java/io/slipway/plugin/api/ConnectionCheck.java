package io.slipway.plugin.api;

import java.util.Objects;

/**
 * The outcome of {@link SlipwayExtension#testConnection}.
 *
 * <pre>{@code
 * return reachable ? ConnectionCheck.ok("Docker 28.2.2") : ConnectionCheck.failed("no engine at " + host);
 * }</pre>
 *
 * @param supported false when the extension has nothing to test
 * @param ok whether the check passed
 * @param message what a user reads next to the button
 */
public record ConnectionCheck(boolean supported, boolean ok, String message) {
    public ConnectionCheck {
        Objects.requireNonNull(message, "message");
    }

    public static ConnectionCheck ok(String message) {
        return new ConnectionCheck(true, true, message);
    }

    public static ConnectionCheck failed(String message) {
        return new ConnectionCheck(true, false, message);
    }

    public static ConnectionCheck notSupported() {
        return new ConnectionCheck(false, false, "This extension has no connection to test.");
    }
}
