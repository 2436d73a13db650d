package io.slipway.core.pipeline.internal.phases;

import io.slipway.core.pipeline.ChosenExtension;
import io.slipway.core.pipeline.internal.DeploymentStore;
import io.slipway.core.plugins.ExtensionInvoker;
import io.slipway.core.pipeline.internal.Phase;
import io.slipway.core.pipeline.internal.PhaseRun;
import io.slipway.core.pipeline.internal.Workspaces;
import io.slipway.plugin.api.ExtensionPointId;
import io.slipway.plugin.api.notify.DeploymentPhase;
import io.slipway.plugin.api.source.SourceProvider;
import io.slipway.plugin.api.source.SourceRequest;
import io.slipway.plugin.api.source.SourceRevision;
import java.util.Optional;

/** FETCHING_SOURCE: the app's source provider fetches the ref (or a redeploy's exact revision). */
public final class FetchSourcePhase implements Phase {
    private final DeploymentStore store;
    private final ExtensionInvoker calls;

    public FetchSourcePhase(DeploymentStore store, ExtensionInvoker calls) {
        this.store = store;
        this.calls = calls;
    }

    @Override
    public DeploymentPhase phase() {
        return DeploymentPhase.FETCHING_SOURCE;
    }

    @Override
    public void run(PhaseRun run) {
        ChosenExtension source = run.require(ExtensionPointId.SOURCE);
        // A fresh folder each time: a fetch interrupted half-way leaves nothing behind for the next.
        Workspaces.recreate(run.sourceDir());
        Optional<String> ref = run.deployment().revision().or(() -> run.deployment().ref());
        run.step().log().line("Fetching " + ref.orElse("the default branch") + " with " + source.id());
        SourceRevision revision = calls.call(source.registered(), SourceProvider.class, s -> s
                .fetch(new SourceRequest(source.config(), ref, run.sourceDir()), run.step()));
        run.step().log().line("Fetched " + revision.commitId() + " (" + revision.ref() + ") by " + revision.author()
                + ": " + revision.message().lines().findFirst().orElse(""));
        store.recordRevision(run.deployment().id(), revision.commitId(), revision.message());
    }
}
