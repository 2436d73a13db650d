package io.slipway.core.pages;

import io.slipway.core.InvalidInputException;
import io.slipway.core.apps.EnvVarInput;
import io.slipway.core.apps.EnvVarService;
import io.slipway.core.apps.EnvVarView;
import io.slipway.core.config.SlipwayConfig;
import io.slipway.core.pages.internal.AppUrl;
import io.slipway.core.pages.internal.EnvForm;
import io.slipway.core.pages.internal.FormErrors;
import io.slipway.core.pages.internal.FormInput;
import io.slipway.core.pages.internal.Notice;
import io.slipway.core.router.AppRouter;
import io.slipway.core.router.AppRoutes;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code /apps/{app}/environments/{env}}: one environment (a pull request's preview, say), the
 * variables it inherits from the app, and a form for its own overrides.
 */
@Path("/apps/{app}/environments/{env}")
@Produces(MediaType.TEXT_HTML)
public final class EnvironmentPages {
    private final EnvVarService env;
    private final AppRoutes routes;
    private final AppRouter router;
    private final SlipwayConfig config;

    @Inject
    public EnvironmentPages(EnvVarService env, AppRoutes routes, AppRouter router, SlipwayConfig config) {
        this.env = env;
        this.routes = routes;
        this.router = router;
        this.config = config;
    }

    @GET
    public Response show(@PathParam("app") String app, @PathParam("env") String environment,
                         @QueryParam("done") String done, @QueryParam("name") String noticeName) {
        return page(app, environment, EnvForm.empty(), Map.of())
                .with("notice", Notice.of(done, noticeName).orElse(null)).response();
    }

    /** Sets an override; for a secret, an empty value keeps the stored one and changes only the flags. */
    @POST
    @Path("env")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response put(@PathParam("app") String app, @PathParam("env") String environment,
                        MultivaluedMap<String, String> body) {
        FormInput form = FormInput.of(body);
        String var = form.text("name").orElse("");
        String value = form.get("value").filter(v -> !v.isEmpty()).orElse(null);
        try {
            env.put(app, environment, var, new EnvVarInput(value, form.checked("secret"), form.checked("buildTime")));
        } catch (InvalidInputException e) {
            return page(app, environment, EnvForm.of(form), FormErrors.byField(e.errors())).status(400).response();
        }
        return View.redirect(path(app, environment) + Notice.query("env-saved", var) + "#env");
    }

    @POST
    @Path("env/{var}/delete")
    public Response delete(@PathParam("app") String app, @PathParam("env") String environment,
                           @PathParam("var") String var) {
        env.delete(app, environment, var);
        return View.redirect(path(app, environment) + Notice.query("env-deleted", var) + "#env");
    }

    private View page(String app, String environment, EnvForm form, Map<String, String> errors) {
        List<EnvVarView> overrides = env.list(app, environment);
        Set<String> overridden = overrides.stream().map(EnvVarView::name).collect(Collectors.toSet());
        List<AppUrl> urls = AppUrl.of(app, routes, router.port(), config.routerPort()).stream()
                .filter(u -> u.environment().equals(environment)).toList();
        return View.of("environment")
                .with("app", app)
                .with("environment", environment)
                .with("preview", environment.matches("pr-\\d+") ? environment.substring(3) : null)
                .with("urls", urls)
                .with("inherited", env.list(app))
                .with("overridden", overridden)
                .with("env", overrides)
                .with("envBase", "/" + path(app, environment) + "/env")
                .with("envForm", form)
                .with("envErrors", errors);
    }

    private static String path(String app, String environment) {
        return "apps/" + app + "/environments/" + environment;
    }
}
