package io.slipway.core.plans;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /api/v1/apps/{app}/plan}: what the app's builder would do, shaped like {@code nixpacks plan}. */
@Path("/apps/{app}/plan")
@Produces(MediaType.APPLICATION_JSON)
public final class PlanResource {
    private final BuildPlanService plans;

    @Inject
    public PlanResource(BuildPlanService plans) {
        this.plans = plans;
    }

    @GET
    public PlanJson plan(@PathParam("app") String app) {
        return PlanJson.of(plans.plan(app));
    }
}
