package io.slipway.core.settings;

import io.slipway.core.InvalidInputException;
import io.slipway.core.audit.AuditDetails;
import io.slipway.core.security.AdminOnly;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/**
 * {@code /api/v1/settings}: the administrator's policies as {@code {"git.localPaths": false, ...}};
 * PATCH with the ones to change. Administrators only.
 */
@Path("/settings")
@Produces(MediaType.APPLICATION_JSON)
@AdminOnly
public final class SettingsResource {
    private final ServerSettings settings;

    @Inject
    public SettingsResource(ServerSettings settings) {
        this.settings = settings;
    }

    @GET
    public Map<String, Boolean> get() {
        return settings.all();
    }

    @PATCH
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Boolean> update(Map<String, Object> changes, @Context ContainerRequestContext request) {
        if (changes == null) {
            throw InvalidInputException.field("body", "is required: a JSON object such as {\"git.localPaths\": true}");
        }
        Map<String, Boolean> now = settings.update(changes);
        request.setProperty(AuditDetails.PROPERTY, SettingsPages.changed(changes));
        return now;
    }
}
