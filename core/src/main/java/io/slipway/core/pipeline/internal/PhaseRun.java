package io.slipway.core.pipeline.internal;

import io.slipway.core.pipeline.ChosenExtension;
import io.slipway.core.pipeline.Deployment;
import io.slipway.core.pipeline.PipelineApp;
import io.slipway.plugin.api.ExtensionPointId;
import io.slipway.plugin.api.StepFailedException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** What a phase works with: the deployment as it stands, its app, and its step context. */
public record PhaseRun(Deployment deployment, PipelineApp app, PipelineStepContext step) {
    public PhaseRun {
        Objects.requireNonNull(deployment, "deployment");
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(step, "step");
    }

    /** The extension the app chose for {@code point}, or a failure telling the user to choose one. */
    public ChosenExtension require(ExtensionPointId point) {
        return app.extension(point).orElseThrow(() -> new StepFailedException("App '" + app.name() + "' has no "
                + point.id() + " chosen" + app.problem(point).map(p -> " (" + p + ")").orElse("")
                + ": choose one (PATCH /api/v1/apps/" + app.name() + ") and deploy again."));
    }

    /** Where the source is fetched to and built from. */
    public Path sourceDir() {
        return step.workspace().resolve("source");
    }

    /** The labels everything this deployment creates carries, so orphans can be found. */
    public Map<String, String> labels() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("slipway.app", app.name());
        labels.put("slipway.project", app.project());
        labels.put("slipway.environment", deployment.environment());
        labels.put("slipway.deployment", String.valueOf(deployment.id()));
        deployment.revision().ifPresent(r -> labels.put("slipway.revision", r));
        return Map.copyOf(labels);
    }

    public String id() {
        return String.valueOf(deployment.id());
    }
}
