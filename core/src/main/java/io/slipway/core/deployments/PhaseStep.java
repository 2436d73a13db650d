package io.slipway.core.deployments;

import io.slipway.core.pipeline.Deployment;
import io.slipway.core.pipeline.DeploymentPhases;
import io.slipway.core.pipeline.PhaseTiming;
import io.slipway.plugin.api.notify.DeploymentPhase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One step of the deployment page's progress bar.
 *
 * @param state {@code done}, {@code current}, {@code failed}, {@code skipped} or {@code pending}
 * @param duration how long it took (or has taken so far); empty when it never ran
 */
public record PhaseStep(String name, String label, String state, String duration) {

    /** The working phases and ACTIVE, each with its state for deployment {@code d}. */
    static List<PhaseStep> of(Deployment d, List<PhaseTiming> timings) {
        List<DeploymentPhase> order = new ArrayList<>(DeploymentPhases.WORKING);
        order.add(DeploymentPhase.ACTIVE);
        DeploymentPhase lastWorking = timings.stream().map(PhaseTiming::phase).filter(DeploymentPhases::isWorking)
                .reduce((a, b) -> b).orElse(DeploymentPhase.QUEUED);
        List<PhaseStep> steps = new ArrayList<>();
        for (DeploymentPhase p : order) {
            Optional<PhaseTiming> t = timings.stream().filter(x -> x.phase() == p).reduce((a, b) -> b);
            String state;
            if (d.phase() == DeploymentPhase.ACTIVE) {
                state = t.isPresent() ? "done" : "skipped";
            } else if (p == d.phase()) {
                state = "current";
            } else if (d.isFinal() && p == lastWorking) {
                state = "failed";
            } else if (t.isPresent() && !(d.isFinal() && p == DeploymentPhase.ACTIVE)) {
                state = "done";
            } else if (order.indexOf(p) < order.indexOf(lastWorking) && lastWorking != DeploymentPhase.QUEUED) {
                state = "skipped"; // a rollback or resume started after it
            } else {
                state = "pending";
            }
            String took = t.map(x -> DeploymentRow.describe(Duration.between(x.startedAt(),
                    x.finishedAt().orElse(Instant.now())))).orElse("");
            if (p == DeploymentPhase.ACTIVE) {
                took = "";
            }
            String n = p.name().replace('_', ' ').toLowerCase();
            steps.add(new PhaseStep(p.name(), Character.toUpperCase(n.charAt(0)) + n.substring(1), state, took));
        }
        return steps;
    }
}
