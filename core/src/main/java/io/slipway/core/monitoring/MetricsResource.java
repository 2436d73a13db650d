package io.slipway.core.monitoring;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;

/**
 * {@code GET /metrics}: every meter in Prometheus' text format, on the main port. Like every
 * page it needs a credential: give Prometheus an API token ({@code authorization: {credentials:
 * <token>}} in its scrape config); a read-scoped token is enough.
 */
@Path("/metrics")
public final class MetricsResource {
    /** The Prometheus text format, version 0.0.4. */
    public static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final Monitoring monitoring;

    @Inject
    public MetricsResource(Monitoring monitoring) {
        this.monitoring = monitoring;
    }

    @GET
    @Produces(PROMETHEUS_TEXT)
    public String metrics() {
        return monitoring.scrape();
    }
}
