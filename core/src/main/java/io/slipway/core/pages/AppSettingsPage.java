package io.slipway.core.pages;

import io.slipway.core.InvalidInputException;
import io.slipway.core.NotFoundException;
import io.slipway.core.apps.AppService;
import io.slipway.core.apps.AppView;
import io.slipway.core.apps.EnvVarService;
import io.slipway.core.pages.internal.EnvForm;
import io.slipway.core.pages.internal.FormErrors;
import io.slipway.core.pages.internal.FormInput;
import io.slipway.core.pages.internal.Notice;
import io.slipway.core.pages.internal.PointForm;
import io.slipway.core.pages.internal.SettingsForm;
import io.slipway.core.plugins.ExtensionRegistry;
import io.slipway.core.plugins.PluginService;
import io.slipway.core.security.Callers;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import io.slipway.core.pipeline.Pipeline;
import io.slipway.core.config.SlipwayConfig;
import io.slipway.core.router.AppRouter;
import io.slipway.core.router.AppRoutes;
import org.jdbi.v3.core.Jdbi;

/**
 * The app settings form's POST. Changing an extension type re-renders the form with that
 * extension's fields (the type picker's own button, or any save while a picker differs from the
 * fields shown), so it works without JavaScript; saving stores every chosen extension at once.
 */
@Path("/apps/{name}/settings")
public final class AppSettingsPage {
    private final AppService apps;
    private final SettingsForm settings;
    private final AppPageView page;

    @Inject
    public AppSettingsPage(AppService apps, EnvVarService env, ExtensionRegistry registry, PluginService plugins,
                           Jdbi jdbi, Pipeline pipeline, AppRoutes routes, AppRouter router,
                           SlipwayConfig config, io.slipway.core.rules.RuleService rules) {
        this.apps = apps;
        this.settings = new SettingsForm(registry, plugins);
        this.page = new AppPageView(env, jdbi, pipeline, routes, router, config, rules);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response save(@PathParam("name") String name, MultivaluedMap<String, String> body,
                         @Context ContainerRequestContext request) {
        AppView app = apps.find(name).orElseThrow(() -> new NotFoundException("App", name));
        FormInput form = FormInput.of(body);
        if (!"save".equals(form.text("action").orElse("save")) || SettingsForm.typeChanged(form)) {
            return render(app, form, Map.of(), 200);
        }
        try {
            apps.update(name, settings.toInput(form).byAdmin(Callers.of(request).isAdmin()));
        } catch (InvalidInputException e) {
            return render(app, form, FormErrors.byField(e.errors()), 400);
        }
        return View.redirect("apps/" + name + Notice.query("app-saved", name));
    }

    private Response render(AppView app, FormInput form, Map<String, String> errors, int status) {
        List<PointForm> points = settings.fromInput(app, form, errors);
        return page.view(app, points, SettingsForm.unshown(points, errors), EnvForm.empty(), Map.of())
                .status(status).response();
    }
}
