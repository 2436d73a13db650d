package io.slipway.core.stacks;

import io.slipway.core.InvalidInputException;
import io.slipway.core.deployments.DeploymentJson;
import io.slipway.core.deployments.DeploymentRequestBody;
import io.slipway.core.http.Page;
import io.slipway.core.http.PageRequest;
import io.slipway.core.security.AdminOnly;
import io.slipway.core.security.RequestActor;
import io.slipway.plugin.api.deploy.ServiceStatus;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /api/v1/stacks}: multi-service apps from a compose file. A stack is an app (its name is
 * its host), so its deployments, log and rollback are the app's ({@code /api/v1/apps/{name}/...}).
 */
@Path("/stacks")
@Produces(MediaType.APPLICATION_JSON)
public final class StacksResource {
    private static final int MAX_LOG_LINES = 500;

    private final StackService stacks;

    @Inject
    public StacksResource(StackService stacks) {
        this.stacks = stacks;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a stack from a compose file (pasted, or a path in the source repository)")
    public Response create(StackBody body, @Context ContainerRequestContext request) {
        StackView created = stacks.create(require(body), actor(request));
        return Response.created(URI.create("/api/v1/stacks/" + created.id())).entity(created).build();
    }

    @GET
    @Operation(summary = "List stacks")
    public Page<StackView> list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return stacks.list(PageRequest.parse(limit, cursor));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get a stack")
    public StackView get(@PathParam("id") long id) {
        return stacks.get(id);
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a stack's compose file or settings (takes effect at the next deployment)")
    public StackView update(@PathParam("id") long id, StackBody body) {
        return stacks.update(id, require(body));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a stack: every container and network it created (volumes only if removeVolumes)")
    public Response delete(@PathParam("id") long id) {
        stacks.delete(id);
        return Response.noContent().build();
    }

    @POST
    @Path("/{id}/deploy")
    @Operation(summary = "Queue a deployment of the stack (202); follow it at /api/v1/deployments/{id}")
    public Response deploy(@PathParam("id") long id, DeploymentRequestBody body,
                           @Context ContainerRequestContext request) {
        Optional<String> ref = body == null ? Optional.empty() : body.refValue();
        DeploymentJson d = DeploymentJson.of(stacks.deploy(id, ref, actor(request)));
        return Response.accepted(d).location(URI.create("/api/v1/deployments/" + d.id())).build();
    }

    @GET
    @Path("/{id}/services")
    @Operation(summary = "Each service of the serving release: state, health, replicas, ports, image")
    public Map<String, List<ServiceStatus>> services(@PathParam("id") long id) {
        return Map.of("items", stacks.services(id));
    }

    @GET
    @Path("/{id}/health")
    @Operation(summary = "The stack's health: healthy, degraded, down or not_deployed, with each service's")
    public StackHealth health(@PathParam("id") long id) {
        return stacks.health(id);
    }

    @GET
    @Path("/{id}/services/{service}/logs")
    @Operation(summary = "A service's recent log lines")
    public Map<String, List<String>> logs(@PathParam("id") long id, @PathParam("service") String service,
                                          @QueryParam("lines") String lines) {
        return Map.of("items", stacks.logs(id, service, lineCount(lines)));
    }

    @PUT
    @Path("/{id}/allowed-options")
    @Consumes(MediaType.APPLICATION_JSON)
    @AdminOnly
    @Operation(summary = "Allow guarded compose options (privileged, bind_mounts, ...) for this stack (admins)")
    public StackView allow(@PathParam("id") long id, AllowedOptions body) {
        if (body == null || body.options() == null) {
            throw InvalidInputException.field("options", "is required: a list such as [\"bind_mounts\"], or []");
        }
        return stacks.allow(id, body.options());
    }

    /** The body of {@code PUT /stacks/{id}/allowed-options}. */
    public record AllowedOptions(List<String> options) {
    }

    static int lineCount(String lines) {
        if (lines == null || lines.isBlank()) {
            return 100;
        }
        try {
            int n = Integer.parseInt(lines.trim());
            if (n >= 1 && n <= MAX_LOG_LINES) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw InvalidInputException.field("lines", "must be a whole number from 1 to " + MAX_LOG_LINES);
    }

    private static StackBody require(StackBody body) {
        if (body == null) {
            throw InvalidInputException.field("body", "is required: a JSON object");
        }
        return body;
    }

    private static String actor(ContainerRequestContext request) {
        Object actor = request == null ? null : request.getProperty(RequestActor.PROPERTY);
        return actor == null ? "api" : actor.toString();
    }
}
