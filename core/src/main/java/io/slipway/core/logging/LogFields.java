package io.slipway.core.logging;

/** The MDC keys Slipway sets; JSON log lines carry them as fields of {@code mdc}. */
public final class LogFields {
    /** The request being served (the {@code X-Request-Id} answered). */
    public static final String REQUEST_ID = "requestId";
    /** The deployment a pipeline worker is running. */
    public static final String DEPLOYMENT_ID = "deploymentId";

    private LogFields() {
    }
}
