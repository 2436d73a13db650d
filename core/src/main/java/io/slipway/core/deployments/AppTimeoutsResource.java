package io.slipway.core.deployments;

import io.slipway.core.NotFoundException;
import io.slipway.core.pipeline.Pipeline;
import io.slipway.core.pipeline.PhaseTimeouts;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jdbi.v3.core.Jdbi;

/** {@code /api/v1/apps/{app}/timeouts}: how long each phase of the app's deployments may take. */
@Path("/apps/{app}/timeouts")
@Produces(MediaType.APPLICATION_JSON)
public final class AppTimeoutsResource {
    private final Pipeline pipeline;
    private final Jdbi jdbi;

    @Inject
    public AppTimeoutsResource(Pipeline pipeline, Jdbi jdbi) {
        this.pipeline = pipeline;
        this.jdbi = jdbi;
    }

    @GET
    public TimeoutsBody get(@PathParam("app") String app) {
        return TimeoutsBody.of(pipeline.timeouts().of(appId(app)));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public TimeoutsBody put(@PathParam("app") String app, TimeoutsBody body) {
        if (body == null) {
            throw io.slipway.core.InvalidInputException.field("body", "send at least one of fetchSeconds, buildSeconds, "
                    + "deploySeconds, healthSeconds");
        }
        long id = appId(app);
        PhaseTimeouts next = body.applyTo(pipeline.timeouts().of(id));
        pipeline.timeouts().put(id, next);
        return TimeoutsBody.of(next);
    }

    private long appId(String app) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id FROM apps WHERE name = :n").bind("n", app)
                .mapTo(Long.class).findOne()).orElseThrow(() -> new NotFoundException("App", app));
    }
}
