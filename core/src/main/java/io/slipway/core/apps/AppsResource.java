package io.slipway.core.apps;

import io.slipway.core.InvalidInputException;
import io.slipway.core.http.Page;
import io.slipway.core.http.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.slipway.core.security.Callers;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;
import java.util.Optional;

/** {@code /api/v1/apps}: create, list, show, change and delete apps. */
@Path("/apps")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class AppsResource {
    private final AppService apps;

    @Inject
    public AppsResource(AppService apps) {
        this.apps = apps;
    }

    @POST
    @Operation(summary = "Create an app", description = "Extension choices are optional here; each one given is "
            + "checked against its extension's schema. A body's unknown project is a 400 naming 'project'.")
    public Response create(AppBody body, @Context UriInfo uri, @Context ContainerRequestContext request) {
        if (body == null) {
            throw InvalidInputException.field("name", "is required");
        }
        AppView app = apps.create(body.toInput().byAdmin(Callers.of(request).isAdmin()));
        return Response.created(uri.getBaseUriBuilder().path("apps").path(app.name()).build())
                .entity(AppJson.of(app)).build();
    }

    @GET
    @Operation(summary = "List apps by name", description = "?project= filters; paged with ?limit= and ?cursor=.")
    public Page<Map<String, Object>> list(@QueryParam("project") String project, @QueryParam("limit") String limit,
                                          @QueryParam("cursor") String cursor) {
        Optional<String> filter = Optional.ofNullable(project).filter(p -> !p.isBlank());
        return apps.list(filter, PageRequest.parse(limit, cursor)).map(AppJson::of);
    }

    @GET
    @Path("/{app}")
    @Operation(summary = "Show an app", description = "Secret config values are left out; secretsSet names those stored.")
    public Map<String, Object> get(@PathParam("app") String app) {
        return AppJson.of(apps.get(app));
    }

    @PATCH
    @Path("/{app}")
    @Operation(summary = "Change an app", description = "Any subset of the creation fields. For a choice of the same "
            + "type, secret fields left out keep their value; a new type replaces the config.")
    public Map<String, Object> update(@PathParam("app") String app, AppBody body,
                                      @Context ContainerRequestContext request) {
        AppInput patch = body == null ? AppInput.patch() : body.toInput();
        return AppJson.of(apps.update(app, patch.byAdmin(Callers.of(request).isAdmin())));
    }

    @DELETE
    @Path("/{app}")
    @Operation(summary = "Delete an app with its settings, environments and variables")
    public Response delete(@PathParam("app") String app) {
        apps.delete(app);
        return Response.noContent().build();
    }
}
