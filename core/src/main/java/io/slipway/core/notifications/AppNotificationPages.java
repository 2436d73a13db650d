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

/** {@code /apps/{app}/notifications}: one app's own notification targets, as on the global page. */
@Path("/apps/{app}/notifications")
@Produces(MediaType.TEXT_HTML)
public final class AppNotificationPages {
    private final TargetPageModel pages;
    private final NotificationTargetService targets;

    @Inject
    public AppNotificationPages(NotificationTargetService targets, ExtensionRegistry registry) {
        this.pages = new TargetPageModel(targets, registry);
        this.targets = targets;
    }

    @GET
    public Response list(@PathParam("app") String app) {
        targets.list(Optional.of(app)); // 404 for an unknown app
        return pages.list(Optional.of(app), null, null, 200);
    }

    @GET
    @Path("new")
    public Response form(@PathParam("app") String app, @QueryParam("type") String type) {
        targets.list(Optional.of(app));
        return pages.form(Optional.of(app), String.valueOf(type), FormInput.empty(), Map.of(), 200);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(@PathParam("app") String app, @QueryParam("type") String type,
                           MultivaluedMap<String, String> form) {
        return pages.create(Optional.of(app), String.valueOf(type), FormInput.of(form));
    }

    @POST
    @Path("targets/{id}/test")
    public Response test(@PathParam("app") String app, @PathParam("id") long id) {
        pages.checkScope(Optional.of(app), id);
        return pages.test(Optional.of(app), id);
    }

    @POST
    @Path("targets/{id}/delete")
    public Response delete(@PathParam("app") String app, @PathParam("id") long id) {
        pages.checkScope(Optional.of(app), id);
        return pages.delete(Optional.of(app), id);
    }
}
