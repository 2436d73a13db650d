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

/** {@code /api/v1/apps/{app}/env}: an app's environment variables; secret values never come back. */
@Path("/apps/{app}/env")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class EnvVarsResource {
    private final EnvVarService env;

    @Inject
    public EnvVarsResource(EnvVarService env) {
        this.env = env;
    }

    @GET
    @Operation(summary = "List an app's environment variables", description = "Secret values are left out.")
    public Page<EnvVarView> list(@PathParam("app") String app) {
        return new Page<>(env.list(app), Optional.empty());
    }

    @PUT
    @Path("/{name}")
    @Operation(summary = "Set an environment variable", description = "{\"value\", \"secret\", \"buildTime\"}; "
            + "secret values are encrypted at rest.")
    public EnvVarView put(@PathParam("app") String app, @PathParam("name") String name, EnvVarInput body) {
        return env.put(app, name, body == null ? new EnvVarInput(null, null, null) : body);
    }

    @DELETE
    @Path("/{name}")
    @Operation(summary = "Remove an environment variable")
    public Response delete(@PathParam("app") String app, @PathParam("name") String name) {
        env.delete(app, name);
        return Response.noContent().build();
    }
}
