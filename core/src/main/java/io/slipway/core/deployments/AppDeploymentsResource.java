package io.slipway.core.deployments;

import io.slipway.core.http.Page;
import io.slipway.core.http.PageRequest;
import io.slipway.core.pipeline.Deployment;
import io.slipway.core.pipeline.Pipeline;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Optional;

/**
 * {@code /api/v1/apps/{app}/deployments}: queue a deployment (202), list an app's deployments,
 * redeploy what serves, roll back to one of the app's earlier deployments.
 */
@Path("/apps/{app}/deployments")
@Produces(MediaType.APPLICATION_JSON)
public final class AppDeploymentsResource {
    /** Until users sign in, the API is who triggers. */
    static final String API_CALLER = "api";

    private final Pipeline pipeline;

    @Inject
    public AppDeploymentsResource(Pipeline pipeline) {
        this.pipeline = pipeline;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response queue(@PathParam("app") String app, DeploymentRequestBody body) {
        DeploymentRequestBody b = body == null ? new DeploymentRequestBody(null, null) : body;
        return accepted(pipeline.deployments().queue(app, b.refValue(), b.environmentValue(), API_CALLER));
    }

    @GET
    public Page<DeploymentJson> list(@PathParam("app") String app, @QueryParam("limit") String limit,
                                     @QueryParam("cursor") String cursor) {
        return pipeline.deployments().list(app, PageRequest.parse(limit, cursor)).map(DeploymentJson::of);
    }

    /** Deploys again what serves now: same revision, its artifact re-used when it still exists. */
    @POST
    @Path("/redeploy")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response redeploy(@PathParam("app") String app, DeploymentRequestBody body) {
        DeploymentRequestBody b = body == null ? new DeploymentRequestBody(null, null) : body;
        if (b.ref() != null) {
            throw io.slipway.core.InvalidInputException.field("ref", "a redeploy re-uses the live revision: leave it "
                    + "out, or queue a new deployment of that ref");
        }
        return accepted(pipeline.deployments().redeploy(app, b.environmentValue(), API_CALLER));
    }

    /** Rolls back to deployment {@code id}, which must be one of this app's. */
    @POST
    @Path("/{id}/rollback")
    public Response rollback(@PathParam("app") String app, @PathParam("id") long id) {
        return accepted(pipeline.deployments().rollback(id, Optional.of(app), API_CALLER));
    }

    static Response accepted(Deployment d) {
        return Response.accepted(DeploymentJson.of(d)).location(URI.create("/api/v1/deployments/" + d.id())).build();
    }
}
