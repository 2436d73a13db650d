package io.slipway.core.monitoring;

import io.slipway.core.security.AdminOnly;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/v1/monitoring}: health of the server's parts, deployment figures, stuck
 * deployments, and (administrators) reconciliation on demand. Server-wide operational data,
 * so administrators only.
 */
@Path("/monitoring")
@Produces(MediaType.APPLICATION_JSON)
@AdminOnly
public final class MonitoringResource {
    private final Monitoring monitoring;

    @Inject
    public MonitoringResource(Monitoring monitoring) {
        this.monitoring = monitoring;
    }

    /** 200 when ok or degraded, 503 when a part is down (so a load balancer can tell). */
    @GET
    @Path("health")
    public Response health() {
        HealthReport report = monitoring.health();
        int status = report.status().equals(HealthCheck.DOWN) ? 503 : 200;
        return Response.status(status).entity(report).build();
    }

    @GET
    @Path("stats")
    public DeploymentStats stats() {
        return monitoring.stats();
    }

    @GET
    @Path("stuck")
    public Map<String, List<StuckDeployment>> stuck() {
        return Map.of("items", monitoring.stuck());
    }

    @POST
    @Path("reconcile")
    public Map<String, Object> reconcile() {
        return monitoring.reconcile();
    }
}
