package io.slipway.core.webhooks;

import io.slipway.core.SlipwayException;
import io.slipway.core.http.Page;
import io.slipway.core.http.PageRequest;
import io.slipway.core.pages.View;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code /apps/{app}/deliveries}: the app's recent webhook deliveries, like GitHub's "Recent
 * Deliveries", each with a "Redeliver" button when its verified payload was kept. Plain forms.
 */
@Path("/apps/{app}/deliveries")
@Produces(MediaType.TEXT_HTML)
public final class DeliveryPages {
    private final DeliveryService deliveries;

    @Inject
    public DeliveryPages(DeliveryService deliveries) {
        this.deliveries = deliveries;
    }

    @GET
    public Response show(@PathParam("app") String app, @QueryParam("cursor") String cursor) {
        return page(app, cursor, null, null, 200);
    }

    @POST
    @Path("{id}/redeliver")
    public Response redeliver(@PathParam("app") String app, @PathParam("id") long id) {
        try {
            DeliveryService.Redelivered r = deliveries.redeliver(app, id);
            return page(app, null, "Redelivered delivery " + id + " as delivery " + r.delivery().id() + ": answered "
                    + r.status() + " (" + r.delivery().outcome() + ").", null, 200);
        } catch (SlipwayException e) {
            if (e.status() == 404) {
                throw e;
            }
            return page(app, null, null, e.getMessage(), e.status());
        }
    }

    private Response page(String app, String cursor, String notice, String problem, int status) {
        Page<DeliveryRecord> page = deliveries.list(app, PageRequest.parse(null, cursor));
        return View.of("deliveries/deliveries").with("app", app).with("deliveries", page.items())
                .with("next", page.nextCursor().orElse(null)).with("notice", notice).with("problem", problem)
                .status(status).response();
    }
}
