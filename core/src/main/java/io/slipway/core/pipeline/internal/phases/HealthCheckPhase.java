package io.slipway.core.pipeline.internal.phases;

import io.slipway.core.pipeline.ChosenExtension;
import io.slipway.core.plugins.ExtensionInvoker;
import io.slipway.core.pipeline.internal.Phase;
import io.slipway.core.pipeline.internal.PhaseRun;
import io.slipway.plugin.api.ExtensionPointId;
import io.slipway.plugin.api.StepFailedException;
import io.slipway.plugin.api.deploy.Deployer;
import io.slipway.plugin.api.deploy.Release;
import io.slipway.plugin.api.health.HealthChecker;
import io.slipway.plugin.api.health.HealthResult;
import io.slipway.plugin.api.notify.DeploymentPhase;
import java.util.Optional;

/** HEALTH_CHECKING: the app's health checker probes the new release; unhealthy fails the deployment. */
public final class HealthCheckPhase implements Phase {
    private final ExtensionInvoker calls;

    public HealthCheckPhase(ExtensionInvoker calls) {
        this.calls = calls;
    }

    @Override
    public DeploymentPhase phase() {
        return DeploymentPhase.HEALTH_CHECKING;
    }

    @Override
    public void run(PhaseRun run) {
        Optional<ChosenExtension> chosen = run.app().extension(ExtensionPointId.HEALTH);
        if (chosen.isEmpty()) {
            run.step().log().line("No health check chosen: the release is taken as healthy once started.");
            return;
        }
        Release release = run.deployment().release().orElseThrow(() -> new StepFailedException(
                "Deployment " + run.id() + " has no started release to check: deploy again."));
        HealthResult result = calls.call(chosen.get().registered(), HealthChecker.class, h -> h.check(release, chosen.get().config(), run.step()));
        run.step().log().line((result.healthy() ? "Healthy" : "Unhealthy") + " after " + result.attempts()
                + " attempt(s): " + result.detail());
        Optional<String> disrupted = disruption(run, release);
        if (disrupted.isPresent()) {
            throw new StepFailedException("The release was disrupted during its health check (" + disrupted.get()
                    + "); the previous release keeps serving: deploy again.");
        }
        if (!result.healthy()) {
            throw new StepFailedException("The health check failed after " + result.attempts() + " attempt(s): "
                    + result.detail() + ". The previous release keeps serving.");
        }
    }

    /** What the deployer knows of the release having been disrupted meanwhile (its engine restarted, say). */
    private Optional<String> disruption(PhaseRun run, Release release) {
        Optional<ChosenExtension> deployer = run.app().extension(ExtensionPointId.DEPLOYER);
        if (deployer.isEmpty()) {
            return Optional.empty();
        }
        try {
            return calls.call(deployer.get().registered(), Deployer.class, d -> d.disruption(release, deployer.get().config()));
        } catch (RuntimeException e) {
            run.step().log().line("Could not ask the deployer whether the release ran undisturbed: " + e.getMessage());
            return Optional.empty();
        }
    }
}
