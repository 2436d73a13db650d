package io.slipway.core.deployments;

import io.slipway.core.SlipwayException;
import io.slipway.core.pages.View;
import io.slipway.core.pipeline.Deployment;
import io.slipway.core.pipeline.LogPage;
import io.slipway.core.pipeline.Pipeline;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;

/**
 * {@code /deployments/...}: a deployment's page (phase progress, its whole log, live over SSE
 * when JavaScript runs), its cancel and roll-back buttons, and a deploy form.
 */
@Path("/deployments")
public final class DeploymentPages {
    static final String UI_CALLER = "ui";
    /** The most log lines a page shows inline; the API has them all. */
    static final int PAGE_LINES = 5_000;

    private final Pipeline pipeline;

    @Inject
    public DeploymentPages(Pipeline pipeline) {
        this.pipeline = pipeline;
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.TEXT_HTML)
    public Response page(@PathParam("id") long id) {
        return page(id, Optional.empty(), 200);
    }

    /** Queues a deployment from a form ({@code app}, optional {@code ref}, {@code environment}). */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response deploy(@FormParam("app") String app, @FormParam("ref") String ref,
                           @FormParam("environment") String environment) {
        Deployment d = pipeline.deployments().queue(app == null ? "" : app,
                Optional.ofNullable(ref).filter(r -> !r.isBlank()), Optional.ofNullable(environment), UI_CALLER);
        return View.redirect("deployments/" + d.id());
    }

    @POST
    @Path("/{id}/cancel")
    @Produces(MediaType.TEXT_HTML)
    public Response cancel(@PathParam("id") long id) {
        try {
            pipeline.deployments().cancel(id, UI_CALLER);
        } catch (SlipwayException e) {
            if (e.status() == 404) {
                throw e;
            }
            return page(id, Optional.of(e.getMessage()), e.status());
        }
        return View.redirect("deployments/" + id);
    }

    @POST
    @Path("/{id}/rollback")
    @Produces(MediaType.TEXT_HTML)
    public Response rollback(@PathParam("id") long id) {
        try {
            Deployment d = pipeline.deployments().rollback(id, Optional.empty(), UI_CALLER);
            return View.redirect("deployments/" + d.id());
        } catch (SlipwayException e) {
            if (e.status() == 404) {
                throw e;
            }
            return page(id, Optional.of(e.getMessage()), e.status());
        }
    }

    private Response page(long id, Optional<String> problem, int status) {
        Deployment d = pipeline.deployments().get(id);
        LogPage log = pipeline.logs().read(id, 0, PAGE_LINES);
        return View.of("deployments/deployment")
                .with("d", new DeploymentRow(d))
                .with("steps", PhaseStep.of(d, pipeline.deployments().phaseTimings(id)))
                .with("log", log.lines())
                .with("logTotal", log.total())
                .with("logTruncated", log.total() > log.lines().size())
                .with("notifications", pipeline.notifications(id))
                .with("problem", problem.orElse(null))
                .status(status).response();
    }
}
