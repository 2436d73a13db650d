package io.slipway.core.deployments;

import io.slipway.core.pipeline.Pipeline;
import io.slipway.core.pipeline.PipelineStatus;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /api/v1/status}: the pipeline's workers, queue and reconciler counts. */
@Path("/status")
@Produces(MediaType.APPLICATION_JSON)
public final class PipelineStatusResource {
    private final Pipeline pipeline;

    @Inject
    public PipelineStatusResource(Pipeline pipeline) {
        this.pipeline = pipeline;
    }

    @GET
    public PipelineStatus status() {
        return pipeline.status();
    }
}
