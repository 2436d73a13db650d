package io.slipway.core.pipeline.internal.phases;

import io.slipway.core.pipeline.ChosenExtension;
import io.slipway.core.pipeline.PipelineApp;
import io.slipway.core.pipeline.internal.DeploymentStore;
import io.slipway.core.plugins.ExtensionInvoker;
import io.slipway.core.pipeline.internal.Phase;
import io.slipway.core.pipeline.internal.PhaseRun;
import io.slipway.plugin.api.ExtensionPointId;
import io.slipway.plugin.api.build.Artifact;
import io.slipway.plugin.api.build.BuildRequest;
import io.slipway.plugin.api.build.Builder;
import io.slipway.plugin.api.notify.DeploymentPhase;
import java.util.LinkedHashMap;
import java.util.Map;

/** BUILDING: the app's builder turns the fetched source into an artifact tagged for this deployment. */
public final class BuildPhase implements Phase {
    private final DeploymentStore store;
    private final ExtensionInvoker calls;

    public BuildPhase(DeploymentStore store, ExtensionInvoker calls) {
        this.store = store;
        this.calls = calls;
    }

    @Override
    public DeploymentPhase phase() {
        return DeploymentPhase.BUILDING;
    }

    @Override
    public void run(PhaseRun run) {
        ChosenExtension chosen = run.require(ExtensionPointId.BUILDER);
        // detect() cannot see the builder's settings (a Dockerfile at another path, say), and the
        // app chose this builder: only the build itself can say precisely what is missing.
        boolean fits = calls.call(chosen.registered(), Builder.class, b -> b.detect(run.sourceDir()));
        if (!fits) {
            run.step().log().line("The builder '" + chosen.id() + "' found nothing it recognises at the top of the "
                    + "source; building with its settings anyway.");
        }
        String tag = "slipway/" + run.app().name() + ":" + run.id();
        run.step().log().line("Building " + tag + " with " + chosen.id());
        Artifact artifact = calls.call(chosen.registered(), Builder.class, b -> b.build(
                new BuildRequest(chosen.config(), run.sourceDir(), tag, buildEnv(run.app()), run.labels()), run.step()));
        run.step().log().line("Built " + artifact.reference());
        store.recordArtifact(run.deployment().id(), artifact);
    }

    private static Map<String, String> buildEnv(PipelineApp app) {
        Map<String, String> env = new LinkedHashMap<>();
        app.env().stream().filter(PipelineApp.AppEnvVar::buildTime).forEach(v -> env.put(v.name(), v.value()));
        return env;
    }
}
