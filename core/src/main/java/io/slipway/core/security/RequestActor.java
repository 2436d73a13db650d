package io.slipway.core.security;

/**
 * The request property under which the authentication filter leaves the caller, for the audit
 * log and rate limits. The value is a {@code String} such as {@code user:alice},
 * {@code token:ci (alice)} or {@code anonymous}.
 */
public final class RequestActor {
    public static final String PROPERTY = "slipway.actor";

    private RequestActor() {
    }
}
