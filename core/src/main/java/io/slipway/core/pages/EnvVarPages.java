package io.slipway.core.pages;

import io.slipway.core.InvalidInputException;
import io.slipway.core.NotFoundException;
import io.slipway.core.apps.AppService;
import io.slipway.core.apps.AppView;
import io.slipway.core.apps.EnvVarInput;
import io.slipway.core.apps.EnvVarService;
import io.slipway.core.pages.internal.EnvForm;
import io.slipway.core.pages.internal.FormErrors;
import io.slipway.core.pages.internal.FormInput;
import io.slipway.core.pages.internal.Notice;
import io.slipway.core.pages.internal.SettingsForm;
import io.slipway.core.plugins.ExtensionRegistry;
import io.slipway.core.plugins.PluginService;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.List;
import io.slipway.core.pipeline.Pipeline;
import io.slipway.core.config.SlipwayConfig;
import io.slipway.core.router.AppRouter;
import io.slipway.core.router.AppRoutes;
import org.jdbi.v3.core.Jdbi;

/** Adding, changing and deleting an app's environment variables from its page. */
@Path("/apps/{name}/env")
@Produces(MediaType.TEXT_HTML)
public final class EnvVarPages {
    private final AppService apps;
    private final EnvVarService env;
    private final SettingsForm settings;
    private final AppPageView page;

    @Inject
    public EnvVarPages(AppService apps, EnvVarService env, ExtensionRegistry registry, PluginService plugins,
                       Jdbi jdbi, Pipeline pipeline, AppRoutes routes, AppRouter router,
                       SlipwayConfig config, io.slipway.core.rules.RuleService rules) {
        this.apps = apps;
        this.env = env;
        this.settings = new SettingsForm(registry, plugins);
        this.page = new AppPageView(env, jdbi, pipeline, routes, router, config, rules);
    }

    /** Sets a variable; for a secret, an empty value keeps the stored one and changes only the flags. */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response put(@PathParam("name") String name, MultivaluedMap<String, String> body) {
        AppView app = apps.find(name).orElseThrow(() -> new NotFoundException("App", name));
        FormInput form = FormInput.of(body);
        String var = form.text("name").orElse("");
        String value = form.get("value").filter(v -> !v.isEmpty()).orElse(null);
        try {
            env.put(name, var, new EnvVarInput(value, form.checked("secret"), form.checked("buildTime")));
        } catch (InvalidInputException e) {
            return page.view(app, settings.fromApp(app), List.of(), EnvForm.of(form), FormErrors.byField(e.errors()))
                    .status(400).response();
        }
        return View.redirect("apps/" + name + Notice.query("env-saved", var) + "#env");
    }

    @POST
    @Path("{var}/delete")
    public Response delete(@PathParam("name") String name, @PathParam("var") String var) {
        env.delete(name, var);
        return View.redirect("apps/" + name + Notice.query("env-deleted", var) + "#env");
    }
}
