package io.slipway.core.notifications;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
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

/** {@code /api/v1/apps/{app}/notification-targets}: one app's own targets. */
@Path("/apps/{app}/notification-targets")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class AppNotificationTargetsResource {
    private final NotificationTargetService targets;

    @Inject
    public AppNotificationTargetsResource(NotificationTargetService targets) {
        this.targets = targets;
    }

    @GET
    @Operation(summary = "List an app's own notification targets", description = "Global targets are listed at "
            + "/api/v1/notification-targets.")
    public Map<String, Object> list(@PathParam("app") String app) {
        return Map.of("items", targets.list(Optional.of(app)).stream()
                .map(t -> NotificationTargetJson.of(t, targets, false)).toList());
    }

    @POST
    @Operation(summary = "Add a notification target to an app")
    public Response create(@PathParam("app") String app, NotificationTargetBody body, @Context UriInfo uri) {
        return NotificationTargetsResource.created(targets.create(Optional.of(app), body), targets, uri);
    }
}
