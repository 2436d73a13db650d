package io.slipway.core.projects;

import io.slipway.core.InvalidInputException;
import io.slipway.core.http.Page;
import io.slipway.core.http.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** {@code /api/v1/projects}: create, list, show and delete projects. */
@Path("/projects")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class ProjectsResource {
    private final ProjectService projects;

    @Inject
    public ProjectsResource(ProjectService projects) {
        this.projects = projects;
    }

    /** The body of {@code POST /api/v1/projects}. */
    public record CreateProject(String name) {
    }

    @POST
    @Operation(summary = "Create a project", description = "The name is a DNS label, unique on the server.")
    public Response create(CreateProject body, @Context UriInfo uri) {
        if (body == null) {
            throw InvalidInputException.field("name", "is required");
        }
        Project p = projects.create(body.name());
        return Response.created(uri.getBaseUriBuilder().path("projects").path(p.name()).build()).entity(p).build();
    }

    @GET
    @Operation(summary = "List projects by name", description = "Paged with ?limit= (1-200, default 50) and ?cursor=.")
    public Page<Project> list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return projects.list(PageRequest.parse(limit, cursor));
    }

    @GET
    @Path("/{name}")
    @Operation(summary = "Show a project with the names of its apps")
    public Project get(@PathParam("name") String name) {
        return projects.get(name);
    }

    @DELETE
    @Path("/{name}")
    @Operation(summary = "Delete a project", description = "Refused with 409 while it has apps.")
    public Response delete(@PathParam("name") String name) {
        projects.delete(name);
        return Response.noContent().build();
    }
}
