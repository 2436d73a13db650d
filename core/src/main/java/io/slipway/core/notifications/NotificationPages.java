package io.slipway.core.notifications;

import io.slipway.core.pages.internal.FormInput;
import io.slipway.core.plugins.ExtensionRegistry;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /notifications}: the global notification targets, each with its last deliveries and last
 * failure, a test button and removal; adding one through a form built from the notifier's schema.
 */
@Path("/notifications")
@Produces(MediaType.TEXT_HTML)
public final class NotificationPages {
    private final TargetPageModel pages;

    @Inject
    public NotificationPages(NotificationTargetService targets, ExtensionRegistry registry) {
        this.pages = new TargetPageModel(targets, registry);
    }

    @GET
    public Response list() {
        return pages.list(Optional.empty(), null, null, 200);
    }

    @GET
    @Path("new")
    public Response form(@QueryParam("type") String type) {
        return pages.form(Optional.empty(), String.valueOf(type), FormInput.empty(), Map.of(), 200);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(@QueryParam("type") String type, MultivaluedMap<String, String> form) {
        return pages.create(Optional.empty(), String.valueOf(type), FormInput.of(form));
    }

    @POST
    @Path("targets/{id}/test")
    public Response test(@PathParam("id") long id) {
        pages.checkScope(Optional.empty(), id);
        return pages.test(Optional.empty(), id);
    }

    @POST
    @Path("targets/{id}/delete")
    public Response delete(@PathParam("id") long id) {
        pages.checkScope(Optional.empty(), id);
        return pages.delete(Optional.empty(), id);
    }
}
