package io.slipway.core.notifications;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;
import java.util.Optional;

/** {@code /api/v1/notification-targets}: global targets, and any target by id. */
@Path("/notification-targets")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class NotificationTargetsResource {
    private final NotificationTargetService targets;

    @Inject
    public NotificationTargetsResource(NotificationTargetService targets) {
        this.targets = targets;
    }

    @GET
    @Operation(summary = "List the global notification targets", description = "Each with its last failure, if any.")
    public Map<String, Object> list() {
        return Map.of("items", targets.list(Optional.empty()).stream()
                .map(t -> NotificationTargetJson.of(t, targets, false)).toList());
    }

    @POST
    @Operation(summary = "Add a global notification target", description = "Body {\"name\", \"notifier\": {\"type\", "
            + "\"config\"}, \"events\": [\"failed\", ...]}; the config is checked against the notifier's schema.")
    public Response create(NotificationTargetBody body, @Context UriInfo uri) {
        return created(targets.create(Optional.empty(), body), targets, uri);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Show a notification target with its last deliveries")
    public Map<String, Object> get(@PathParam("id") long id) {
        return NotificationTargetJson.of(targets.get(id), targets, true);
    }

    @PATCH
    @Path("/{id}")
    @Operation(summary = "Change a notification target", description = "Absent parts stay; a secret not sent again is kept.")
    public Map<String, Object> update(@PathParam("id") long id, NotificationTargetBody body) {
        return NotificationTargetJson.of(targets.update(id, body), targets, true);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Remove a notification target")
    public Response delete(@PathParam("id") long id) {
        targets.delete(id);
        return Response.noContent().build();
    }

    @POST
    @Path("/{id}/test")
    @Operation(summary = "Send a test notification", description = "Tried once; answers with the delivery's outcome "
            + "(status SENT or FAILED with lastError).")
    public Delivery test(@PathParam("id") long id) {
        return targets.test(id, "api");
    }

    static Response created(NotificationTarget t, NotificationTargetService targets, UriInfo uri) {
        return Response.created(uri.getBaseUriBuilder().path("notification-targets").path(String.valueOf(t.id())).build())
                .entity(NotificationTargetJson.of(t, targets, false)).build();
    }
}
