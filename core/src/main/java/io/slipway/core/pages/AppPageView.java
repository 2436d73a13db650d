package io.slipway.core.pages;

import io.slipway.core.apps.AppView;
import io.slipway.core.apps.EnvVarService;
import io.slipway.core.deployments.DeploymentHistory;
import io.slipway.core.pages.internal.EnvForm;
import io.slipway.core.pages.internal.LastDeployments;
import io.slipway.core.pages.internal.PointForm;
import io.slipway.core.pages.internal.Times;
import io.slipway.core.pipeline.Pipeline;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/** Puts the app page ({@code app.html}) together, for its GET and for the POSTs that re-render it. */
final class AppPageView {
    private final EnvVarService env;
    private final LastDeployments deployments;
    private final Pipeline pipeline;

    AppPageView(EnvVarService env, Jdbi jdbi, Pipeline pipeline) {
        this.env = env;
        this.deployments = new LastDeployments(jdbi);
        this.pipeline = pipeline;
    }

    /**
     * @param problems settings errors no field shows
     * @param envErrors the environment variable form's errors by field
     */
    View view(AppView app, List<PointForm> points, List<String> problems, EnvForm envForm,
              Map<String, String> envErrors) {
        return View.of("app")
                .with("app", app)
                .with("created", Times.shown(app.createdAt()))
                .with("updated", Times.shown(app.updatedAt()))
                .with("last", deployments.of(app.name()).orElse(null))
                .with("deployments", DeploymentHistory.rows(pipeline, app.name(), 20))
                .with("points", points)
                .with("problems", problems)
                .with("env", env.list(app.name()))
                .with("envForm", envForm)
                .with("envErrors", envErrors);
    }
}
