package io.slipway.core.deployments;

import io.slipway.core.pages.View;
import io.slipway.core.pipeline.Pipeline;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code /status}: the pipeline's workers, queue and what the reconciler has done. */
@Path("/status")
public final class StatusPage {
    private final Pipeline pipeline;

    @Inject
    public StatusPage(Pipeline pipeline) {
        this.pipeline = pipeline;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response page() {
        return View.of("deployments/status").with("status", pipeline.status()).response();
    }
}
