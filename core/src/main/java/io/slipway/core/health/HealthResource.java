package io.slipway.core.health;

import io.slipway.core.server.SlipwayBoot;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /api/v1/health}: 200 once the core is ready (database migrated, bundled plugins
 * loaded), 503 while starting or after a failed start. Open to anonymous callers (load
 * balancers, systemd, the start-up benchmark).
 */
@Path("/health")
@Produces(MediaType.APPLICATION_JSON)
public final class HealthResource {
    private final SlipwayBoot boot;

    @Inject
    public HealthResource(SlipwayBoot boot) {
        this.boot = boot;
    }

    @GET
    public Response health() {
        Map<String, Object> body = new LinkedHashMap<>();
        if (boot.ifReady().isPresent()) {
            body.put("status", "UP");
            return Response.ok(body).build();
        }
        body.put("status", boot.failure().isPresent() ? "DOWN" : "STARTING");
        boot.failure().ifPresent(e -> body.put("reason", String.valueOf(e.getMessage())));
        return Response.status(503).entity(body).header("Retry-After", "1").build();
    }
}
