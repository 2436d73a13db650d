package io.slipway.core.pages;

import io.slipway.core.ConflictException;
import io.slipway.core.InvalidInputException;
import io.slipway.core.pages.internal.FormErrors;
import io.slipway.core.pages.internal.Notice;
import io.slipway.core.projects.ProjectService;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** {@code /projects/new} and its form's POST. */
@Path("/projects")
public final class ProjectPages {
    private final ProjectService projects;

    @Inject
    public ProjectPages(ProjectService projects) {
        this.projects = projects;
    }

    @GET
    @Path("new")
    @Produces(MediaType.TEXT_HTML)
    public Response form() {
        return form("", Map.of(), 200);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response create(@FormParam("name") String name) {
        String given = name == null ? "" : name.trim();
        try {
            projects.create(given);
        } catch (InvalidInputException e) {
            return form(given, FormErrors.byField(e.errors()), 400);
        } catch (ConflictException e) {
            return form(given, FormErrors.of("name", e.getMessage()), 409);
        }
        return View.redirect(Notice.query("project-created", given));
    }

    private static Response form(String name, Map<String, String> errors, int status) {
        return View.of("project-new").with("name", name).with("errors", errors).status(status).response();
    }
}
