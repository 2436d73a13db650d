package io.slipway.core.pages;

import io.slipway.core.apps.AppView;
import io.slipway.core.apps.EnvVarService;
import io.slipway.core.deployments.DeploymentHistory;
import io.slipway.core.pages.internal.EnvForm;
import io.slipway.core.pages.internal.LastDeployments;
import io.slipway.core.apps.ExtensionChoiceView;
import io.slipway.core.config.SlipwayConfig;
import io.slipway.core.pages.internal.AppUrl;
import io.slipway.core.pages.internal.PointForm;
import io.slipway.core.pages.internal.RunningRelease;
import io.slipway.core.pages.internal.Times;
import io.slipway.core.pipeline.Pipeline;
import io.slipway.core.router.AppRouter;
import io.slipway.core.router.AppRoutes;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;

/**
 * Puts the app page ({@code app.html}) together, for its GET and for the POSTs that re-render it:
 * its URLs through the router, the releases serving it, its deployment history with a rollback
 * button on each earlier deployment that went live, its settings and variables, its deployment rules.
 */
final class AppPageView {
    private final EnvVarService env;
    private final Jdbi jdbi;
    private final LastDeployments deployments;
    private final Pipeline pipeline;
    private final AppRoutes routes;
    private final AppRouter router;
    private final SlipwayConfig config;
    private final io.slipway.core.rules.RuleService rules;

    AppPageView(EnvVarService env, Jdbi jdbi, Pipeline pipeline, AppRoutes routes, AppRouter router,
                SlipwayConfig config, io.slipway.core.rules.RuleService rules) {
        this.rules = rules;
        this.env = env;
        this.jdbi = jdbi;
        this.deployments = new LastDeployments(jdbi);
        this.pipeline = pipeline;
        this.routes = routes;
        this.router = router;
        this.config = config;
    }

    /**
     * @param problems settings errors no field shows
     * @param envErrors the environment variable form's errors by field
     */
    View view(AppView app, List<PointForm> points, List<String> problems, EnvForm envForm,
              Map<String, String> envErrors) {
        List<RunningRelease> running = RunningRelease.of(app.name(), jdbi, pipeline,
                app.extension("health").map(ExtensionChoiceView::type));
        Set<Long> live = running.stream().map(RunningRelease::deploymentId).collect(Collectors.toSet());
        return View.of("app")
                .with("app", app)
                .with("urls", AppUrl.of(app.name(), routes, router.port(), config.routerPort()))
                .with("routerOn", router.port().isPresent())
                .with("running", running)
                .with("live", live)
                .with("created", Times.shown(app.createdAt()))
                .with("updated", Times.shown(app.updatedAt()))
                .with("last", deployments.of(app.name()).orElse(null))
                .with("deployments", DeploymentHistory.rows(pipeline, app.name(), 20))
                .with("points", points)
                .with("problems", problems)
                .with("env", env.list(app.name()))
                .with("envForm", envForm)
                .with("envErrors", envErrors)
                .with("rules", rules.get(app.name()));
    }
}
