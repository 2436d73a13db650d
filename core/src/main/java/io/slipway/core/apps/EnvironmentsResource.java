package io.slipway.core.apps;

import io.slipway.core.InvalidInputException;
import io.slipway.core.http.Page;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;

/** {@code /api/v1/apps/{app}/environments}: where an app can be deployed. */
@Path("/apps/{app}/environments")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class EnvironmentsResource {
    private final EnvironmentService environments;

    @Inject
    public EnvironmentsResource(EnvironmentService environments) {
        this.environments = environments;
    }

    /** The body of {@code POST /api/v1/apps/{app}/environments}. */
    public record CreateEnvironment(String name) {
    }

    @GET
    @Operation(summary = "List an app's environments")
    public Page<Environment> list(@PathParam("app") String app) {
        return new Page<>(environments.list(app), Optional.empty());
    }

    @POST
    @Operation(summary = "Add an environment", description = "The name is a DNS label, unique within the app.")
    public Response create(@PathParam("app") String app, CreateEnvironment body) {
        if (body == null) {
            throw InvalidInputException.field("name", "is required");
        }
        return Response.status(201).entity(environments.create(app, body.name())).build();
    }
}
