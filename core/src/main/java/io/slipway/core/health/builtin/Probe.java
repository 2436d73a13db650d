package io.slipway.core.health.builtin;

import io.slipway.plugin.api.deploy.Endpoint;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** One attempt of a built-in health check against a release's endpoint. */
@FunctionalInterface
interface Probe {

    /**
     * Probes once, returning within {@code timeout}, or sooner once {@code cancelled} completes.
     */
    Outcome attempt(Endpoint endpoint, Duration timeout, CompletableFuture<Void> cancelled);

    /** What one attempt saw. */
    record Outcome(boolean ok, String detail) {
        static Outcome ok(String detail) {
            return new Outcome(true, detail);
        }

        static Outcome failed(String detail) {
            return new Outcome(false, detail);
        }
    }

    static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
    }

    /** A host for a URL or socket address; IPv6 literals need brackets in URLs. */
    static String urlHost(Endpoint e) {
        return e.host().contains(":") ? "[" + e.host() + "]" : e.host();
    }
}
