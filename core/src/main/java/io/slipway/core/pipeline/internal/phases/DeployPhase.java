package io.slipway.core.pipeline.internal.phases;

import io.slipway.core.pipeline.ChosenExtension;
import io.slipway.core.pipeline.PipelineApp;
import io.slipway.core.pipeline.internal.DeploymentStore;
import io.slipway.core.plugins.ExtensionInvoker;
import io.slipway.core.pipeline.internal.Phase;
import io.slipway.core.pipeline.internal.PhaseRun;
import io.slipway.core.pipeline.internal.ReleaseRetirer;
import io.slipway.plugin.api.ExtensionPointId;
import io.slipway.plugin.api.StepFailedException;
import io.slipway.plugin.api.build.Artifact;
import io.slipway.plugin.api.deploy.DeployRequest;
import io.slipway.plugin.api.deploy.Deployer;
import io.slipway.plugin.api.deploy.Release;
import io.slipway.plugin.api.notify.DeploymentPhase;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * DEPLOYING: the app's deployer starts the artifact as a new release beside the one serving.
 * A release an interrupted attempt started but did not record is retired first.
 */
public final class DeployPhase implements Phase {
    private final DeploymentStore store;
    private final ExtensionInvoker calls;
    private final ReleaseRetirer retirer;

    public DeployPhase(DeploymentStore store, ExtensionInvoker calls, ReleaseRetirer retirer) {
        this.store = store;
        this.calls = calls;
        this.retirer = retirer;
    }

    @Override
    public DeploymentPhase phase() {
        return DeploymentPhase.DEPLOYING;
    }

    @Override
    public void run(PhaseRun run) {
        if (run.deployment().release().isPresent()) {
            run.step().log().line("Release " + run.deployment().release().get().id() + " was already started.");
            return;
        }
        ChosenExtension chosen = run.require(ExtensionPointId.DEPLOYER);
        Artifact artifact = run.deployment().artifact().orElseThrow(() -> new StepFailedException(
                "Deployment " + run.id() + " has no artifact to deploy: deploy again to build one."));
        if (run.deployment().resumeCount() > 0) {
            // Only a resumed deployment can have left a release: a first attempt skips the deployer's listing.
            List<Release> leftovers = retirer.retireAllOf(run.app(), run.id(), Optional.empty());
            leftovers.forEach(r -> run.step().log().line("Retired release " + r.id()
                    + " left by an interrupted attempt."));
        }
        run.step().log().line("Starting " + artifact.reference() + " with " + chosen.id());
        Release release = calls.call(chosen.registered(), Deployer.class, x -> x.start(
                new DeployRequest(chosen.config(), run.app().name(), run.deployment().environment(), run.id(), artifact,
                        runtimeEnv(run.app()), run.labels()), run.step()));
        store.recordRelease(run.deployment().id(), Optional.of(release));
        run.step().log().line("Started release " + release.id()
                + release.endpoint().map(e -> " at " + e.host() + ":" + e.port()).orElse(""));
    }

    private static Map<String, String> runtimeEnv(PipelineApp app) {
        Map<String, String> env = new LinkedHashMap<>();
        app.env().forEach(v -> env.put(v.name(), v.value()));
        return env;
    }
}
