package io.slipway.core.stacks;

import io.slipway.core.InvalidInputException;
import io.slipway.core.apps.ExtensionChoice;
import io.slipway.core.http.PageRequest;
import io.slipway.core.pages.View;
import io.slipway.core.pages.internal.FormErrors;
import io.slipway.core.projects.Project;
import io.slipway.core.projects.ProjectService;
import io.slipway.core.security.RequestActor;
import io.slipway.plugin.api.deploy.ServiceStatus;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Stack pages: the list, a form to create a stack (compose file pasted, or read from a git
 * repository), and a stack's page with its services, their dependency graph (an SVG image drawn
 * on the server), each service's recent log and a form to change its compose file (or its path in
 * the repository) and exposed service:ports.
 */
@Path("/stacks")
public final class StackPages {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(StackPages.class);
    private static final int LOG_LINES = 30;

    private final StackService stacks;
    private final ProjectService projects;

    @Inject
    public StackPages(StackService stacks, ProjectService projects) {
        this.stacks = stacks;
        this.projects = projects;
    }

    @GET
    public Response list() {
        return View.of("stacks/list").with("stacks", stacks.list(PageRequest.first(PageRequest.MAX_LIMIT)).items())
                .response();
    }

    @GET
    @Path("new")
    public Response form() {
        return form(Map.of(), Map.of("expose", "web:80", "composePath", "compose.yaml"), 200);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(@FormParam("project") String project, @FormParam("name") String name,
                           @FormParam("compose") String compose, @FormParam("repository") String repository,
                           @FormParam("composePath") String composePath, @FormParam("expose") String expose,
                           @Context ContainerRequestContext request) {
        boolean fromRepository = repository != null && !repository.isBlank();
        StackBody body = new StackBody(trim(project), trim(name), fromRepository ? null : compose,
                fromRepository ? trim(composePath) : null, trim(expose), null, null, null,
                fromRepository ? new ExtensionChoice("git", Map.of("url", repository.trim())) : null, null, null);
        try {
            Object actor = request.getProperty(RequestActor.PROPERTY);
            StackView created = stacks.create(body, actor == null ? "web" : actor.toString());
            return View.redirect("stacks/" + created.id());
        } catch (InvalidInputException e) {
            Map<String, String> values = new LinkedHashMap<>();
            values.put("project", trim(project));
            values.put("name", trim(name));
            values.put("compose", compose == null ? "" : compose);
            values.put("repository", trim(repository));
            values.put("composePath", trim(composePath));
            values.put("expose", trim(expose));
            return form(FormErrors.byField(e.errors()), values, 400);
        }
    }

    @GET
    @Path("{id}")
    public Response show(@PathParam("id") long id) {
        return page(stacks.get(id), Map.of(), Map.of(), 200);
    }

    /** The edit form: a pasted stack changes its file, one from a repository the file's path there. */
    @POST
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response update(@PathParam("id") long id, @FormParam("compose") String compose,
                           @FormParam("composePath") String composePath, @FormParam("expose") String expose) {
        StackView stack = stacks.get(id);
        boolean pasted = stack.source().equals(StackConfigs.INLINE_SOURCE);
        StackBody body = new StackBody(null, null, pasted ? Objects.requireNonNullElse(compose, "") : null,
                pasted ? null : trim(composePath), trim(expose), null, null, null, null, null, null);
        try {
            stacks.update(id, body);
            return View.redirect("stacks/" + id);
        } catch (InvalidInputException e) {
            Map<String, String> values = new LinkedHashMap<>();
            values.put("compose", compose == null ? "" : compose);
            values.put("composePath", trim(composePath));
            values.put("expose", trim(expose));
            return page(stack, FormErrors.byField(e.errors()), values, 400);
        }
    }

    private Response page(StackView stack, Map<String, String> errors, Map<String, String> edited, int status) {
        long id = stack.id();
        Map<String, String> values = new LinkedHashMap<>();
        values.put("compose", stack.compose().orElse(""));
        values.put("composePath", stack.composePath());
        values.put("expose", stack.expose());
        values.putAll(edited);
        StackHealth health;
        Map<String, List<String>> logs = new LinkedHashMap<>();
        String problem = null;
        try {
            health = stacks.health(id);
            for (ServiceStatus s : health.services()) {
                logs.put(s.name(), stacks.logs(id, s.name(), LOG_LINES));
            }
        } catch (RuntimeException e) {
            // The engine or the plugin failing must not hide the stack's page: say why the services are missing.
            LOG.warn("Could not read the services of stack {}: {}", id, e.getMessage());
            health = new StackHealth("unknown", List.of());
            problem = e.getMessage();
        }
        return View.of("stacks/stack").with("stack", stack).with("health", health).with("logs", logs)
                .with("problem", problem).with("errors", errors).with("values", values)
                .with("pasted", stack.source().equals(StackConfigs.INLINE_SOURCE)).status(status).response();
    }

    @GET
    @Path("{id}/graph.svg")
    @Produces("image/svg+xml")
    public Response graph(@PathParam("id") long id) {
        return Response.ok(StackGraphSvg.draw(stacks.services(id)), "image/svg+xml")
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'").build();
    }

    @POST
    @Path("{id}/deploy")
    public Response deploy(@PathParam("id") long id, @Context ContainerRequestContext request) {
        Object actor = request.getProperty(RequestActor.PROPERTY);
        return View.redirect("deployments/" + stacks.deploy(id, Optional.empty(), actor == null ? "web"
                : actor.toString()).id());
    }

    private Response form(Map<String, String> errors, Map<String, String> values, int status) {
        return View.of("stacks/new").with("projects", projects.list().stream().map(Project::name).toList())
                .with("errors", errors).with("values", values).status(status).response();
    }

    private static String trim(String s) {
        return s == null ? "" : s.trim();
    }
}
