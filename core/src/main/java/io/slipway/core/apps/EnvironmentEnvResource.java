package io.slipway.core.apps;

import io.slipway.core.http.Page;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;

/**
 * {@code /api/v1/apps/{app}/environments/{env}/env}: one environment's own variables (a preview's
 * overrides), laid over the app's when deploying there; secret values never come back.
 */
@Path("/apps/{app}/environments/{env}/env")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class EnvironmentEnvResource {
    private final EnvVarService env;

    @Inject
    public EnvironmentEnvResource(EnvVarService env) {
        this.env = env;
    }

    @GET
    @Operation(summary = "List an environment's variable overrides",
            description = "Only the environment's own variables; it inherits the app's others. Secret values are left out.")
    public Page<EnvVarView> list(@PathParam("app") String app, @PathParam("env") String environment) {
        return new Page<>(env.list(app, environment), Optional.empty());
    }

    @PUT
    @Path("/{name}")
    @Operation(summary = "Override an environment variable in one environment",
            description = "{\"value\", \"secret\", \"buildTime\"}; secret values are encrypted at rest.")
    public EnvVarView put(@PathParam("app") String app, @PathParam("env") String environment,
                          @PathParam("name") String name, EnvVarInput body) {
        return env.put(app, environment, name, body == null ? new EnvVarInput(null, null, null) : body);
    }

    @DELETE
    @Path("/{name}")
    @Operation(summary = "Remove an environment's override", description = "The app's variable applies there again.")
    public Response delete(@PathParam("app") String app, @PathParam("env") String environment,
                           @PathParam("name") String name) {
        env.delete(app, environment, name);
        return Response.noContent().build();
    }
}
