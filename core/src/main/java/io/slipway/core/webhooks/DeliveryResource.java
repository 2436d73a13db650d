package io.slipway.core.webhooks;

import io.slipway.core.http.Page;
import io.slipway.core.http.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code /api/v1/apps/{app}/deliveries}: the app's webhook deliveries, newest first, and
 * {@code POST .../{id}/redeliver} (member role) to replay a verified one.
 */
@Path("/apps/{app}/deliveries")
@Produces(MediaType.APPLICATION_JSON)
public final class DeliveryResource {
    private final DeliveryService deliveries;

    @Inject
    public DeliveryResource(DeliveryService deliveries) {
        this.deliveries = deliveries;
    }

    @GET
    @Operation(summary = "The app's webhook deliveries, newest first", description = "Every delivery that concerned "
            + "the app: refused ones too (signature invalid), with the rule that matched, the deployments it queued "
            + "and the status it was answered with.")
    public Page<DeliveryRecord> list(@PathParam("app") String app, @QueryParam("limit") String limit,
                                     @QueryParam("cursor") String cursor) {
        return deliveries.list(app, PageRequest.parse(limit, cursor));
    }

    @POST
    @Path("{id}/redeliver")
    @Operation(summary = "Redeliver a verified delivery", description = "Runs its kept payload through the intake "
            + "again, for this app only and past the duplicate check; the result is recorded as a new delivery.")
    public DeliveryService.Redelivered redeliver(@PathParam("app") String app, @PathParam("id") long id) {
        return deliveries.redeliver(app, id);
    }
}
