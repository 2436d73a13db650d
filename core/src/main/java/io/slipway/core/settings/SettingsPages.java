package io.slipway.core.settings;

import io.slipway.core.audit.AuditDetails;
import io.slipway.core.pages.View;
import io.slipway.core.security.AdminOnly;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /settings}: the administrator's policies as checkboxes. The form sends every known
 * setting (a checkbox left unticked sends nothing, so an absent one means off).
 */
@Path("/settings")
@Produces(MediaType.TEXT_HTML)
@AdminOnly
public final class SettingsPages {
    private final ServerSettings settings;

    @Inject
    public SettingsPages(ServerSettings settings) {
        this.settings = settings;
    }

    @GET
    public Response show(@QueryParam("done") String done) {
        return View.of("settings").with("known", ServerSettings.KNOWN).with("values", settings.all())
                .with("notice", "saved".equals(done) ? "Settings saved." : null).response();
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response save(MultivaluedMap<String, String> form, @Context ContainerRequestContext request) {
        Map<String, Object> changes = new LinkedHashMap<>();
        ServerSettings.KNOWN.forEach(s -> changes.put(s.name(), form != null && "on".equals(form.getFirst(s.name()))));
        settings.update(changes);
        request.setProperty(AuditDetails.PROPERTY, changed(changes));
        return View.redirect("settings?done=saved");
    }

    /** What the audit record of a change keeps: each setting sent and its new value (none is secret). */
    static Map<String, String> changed(Map<String, ?> changes) {
        Map<String, String> facts = new LinkedHashMap<>();
        changes.forEach((k, v) -> facts.put(k, String.valueOf(v)));
        return facts;
    }
}
