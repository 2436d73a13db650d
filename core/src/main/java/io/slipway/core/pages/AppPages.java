package io.slipway.core.pages;

import io.slipway.core.ConflictException;
import io.slipway.core.InvalidInputException;
import io.slipway.core.NotFoundException;
import io.slipway.core.apps.AppInput;
import io.slipway.core.apps.AppService;
import io.slipway.core.apps.AppView;
import io.slipway.core.apps.EnvVarService;
import io.slipway.core.pages.internal.EnvForm;
import io.slipway.core.pages.internal.FormErrors;
import io.slipway.core.pages.internal.Notice;
import io.slipway.core.pages.internal.SettingsForm;
import io.slipway.core.plugins.ExtensionRegistry;
import io.slipway.core.plugins.PluginService;
import io.slipway.core.projects.Project;
import io.slipway.core.projects.ProjectService;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import io.slipway.core.pipeline.Pipeline;
import io.slipway.core.config.SlipwayConfig;
import io.slipway.core.router.AppRouter;
import io.slipway.core.router.AppRoutes;
import org.jdbi.v3.core.Jdbi;

/** {@code /apps/new}, {@code /apps/{name}} and deleting an app (with a confirmation page). */
@Path("/apps")
@Produces(MediaType.TEXT_HTML)
public final class AppPages {
    private final AppService apps;
    private final ProjectService projects;
    private final SettingsForm settings;
    private final AppPageView page;
    private final io.slipway.core.uploads.UploadPanels uploadPanels;

    @Inject
    public AppPages(AppService apps, ProjectService projects, EnvVarService env, ExtensionRegistry registry,
                    PluginService plugins, Jdbi jdbi, Pipeline pipeline, AppRoutes routes, AppRouter router,
                    SlipwayConfig config, io.slipway.core.rules.RuleService rules, io.slipway.core.uploads.UploadPanels uploadPanels) {
        this.uploadPanels = uploadPanels;
        this.apps = apps;
        this.projects = projects;
        this.settings = new SettingsForm(registry, plugins);
        this.page = new AppPageView(env, jdbi, pipeline, routes, router, config, rules);
    }

    @GET
    @Path("new")
    public Response form(@QueryParam("project") String project) {
        return form("", project == null ? "" : project, Map.of(), 200);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(@FormParam("name") String name, @FormParam("project") String project) {
        String given = name == null ? "" : name.trim();
        String in = project == null ? "" : project.trim();
        try {
            apps.create(AppInput.of(in, given));
        } catch (InvalidInputException e) {
            return form(given, in, FormErrors.byField(e.errors()), 400);
        } catch (ConflictException e) {
            return form(given, in, FormErrors.of("name", e.getMessage()), 409);
        }
        return View.redirect("apps/" + given + Notice.query("app-created", given));
    }

    @GET
    @Path("{name}")
    public Response show(@PathParam("name") String name, @QueryParam("done") String done,
                         @QueryParam("name") String noticeName) {
        AppView app = find(name);
        return page.view(app, settings.fromApp(app), List.of(), EnvForm.empty(), Map.of())
                .with("notice", Notice.of(done, noticeName).orElse(null))
                .with("uploadPanel", uploadPanels.of(app.name()))
                .response();
    }

    @GET
    @Path("{name}/delete")
    public Response confirmDelete(@PathParam("name") String name) {
        return View.of("app-delete").with("app", find(name)).response();
    }

    @POST
    @Path("{name}/delete")
    public Response delete(@PathParam("name") String name) {
        apps.delete(name);
        return View.redirect(Notice.query("app-deleted", name));
    }

    private AppView find(String name) {
        return apps.find(name).orElseThrow(() -> new NotFoundException("App", name));
    }

    private Response form(String name, String project, Map<String, String> errors, int status) {
        List<String> names = projects.list().stream().map(Project::name).toList();
        return View.of("app-new")
                .with("name", name)
                .with("project", project)
                .with("projects", names)
                .with("errors", errors)
                .status(status)
                .response();
    }
}
