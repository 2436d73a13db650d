package io.slipway.core.pipeline.internal.phases;

import io.slipway.core.pipeline.ActiveRelease;
import io.slipway.core.pipeline.TrafficSwitch;
import io.slipway.core.pipeline.internal.Phase;
import io.slipway.core.pipeline.internal.PhaseRun;
import io.slipway.core.pipeline.internal.ReleaseRetirer;
import io.slipway.plugin.api.StepFailedException;
import io.slipway.plugin.api.deploy.Release;
import io.slipway.plugin.api.notify.DeploymentPhase;
import java.time.Duration;
import java.util.Optional;

/**
 * SWITCHING_TRAFFIC: the new release becomes the app+environment's active release in one update;
 * the one serving before is retired after a grace period.
 */
public final class SwitchTrafficPhase implements Phase {
    private final TrafficSwitch traffic;
    private final ReleaseRetirer retirer;
    private final Duration grace;

    public SwitchTrafficPhase(TrafficSwitch traffic, ReleaseRetirer retirer, Duration grace) {
        this.traffic = traffic;
        this.retirer = retirer;
        this.grace = grace;
    }

    @Override
    public DeploymentPhase phase() {
        return DeploymentPhase.SWITCHING_TRAFFIC;
    }

    @Override
    public void run(PhaseRun run) {
        Release release = run.deployment().release().orElseThrow(() -> new StepFailedException(
                "Deployment " + run.id() + " has no started release to switch to: deploy again."));
        Optional<ActiveRelease> previous = traffic.switchTo(run.app().id(), run.deployment().environment(),
                run.deployment().id(), release);
        run.step().log().line("Traffic now goes to release " + release.id() + previous
                .map(p -> " (was " + p.release().id() + " of deployment " + p.deploymentId() + ", retired in "
                        + grace.toSeconds() + " s)").orElse(""));
        previous.ifPresent(p -> retirer.retireLater(run.app(), p.release(), grace));
    }
}
