package io.slipway.core.deployments;

import io.slipway.core.pipeline.Deployment;
import io.slipway.core.pipeline.PhaseTiming;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A deployment as the REST API shows it.
 *
 * @param trigger {@code manual}, {@code redeploy}, {@code rollback} or {@code push}
 * @param triggeredBy who or what asked for it
 * @param rollbackOf the deployment a redeploy or rollback re-uses
 * @param url the API address of this deployment
 * @param page its page in the web UI
 * @param phases each phase it entered with its start, end and duration, in order; only on a
 *               single deployment's answers (null in lists)
 */
public record DeploymentJson(long id, String app, String environment, String phase, int progress,
                             Optional<String> revision, String trigger, String triggeredBy, Optional<Long> rollbackOf,
                             Optional<String> ref, Optional<String> artifact, Instant createdAt,
                             Optional<Instant> startedAt, Optional<Instant> finishedAt, Optional<String> error,
                             String url, String page, Optional<List<PhaseJson>> phases) {

    public static DeploymentJson of(Deployment d) {
        return of(d, Optional.empty());
    }

    /** With the per-phase timings ({@code GET /api/v1/deployments/{id}}). */
    public static DeploymentJson of(Deployment d, List<PhaseTiming> timings) {
        return of(d, Optional.of(timings.stream().map(PhaseJson::of).toList()));
    }

    private static DeploymentJson of(Deployment d, Optional<List<PhaseJson>> phases) {
        return new DeploymentJson(d.id(), d.app(), d.environment(), d.phase().name(), d.progress(), d.revision(),
                d.trigger(), d.triggeredBy(), d.sourceDeploymentId(), d.ref(),
                d.artifact().map(a -> a.reference()), d.createdAt(), d.startedAt(), d.finishedAt(), d.error(),
                "/api/v1/deployments/" + d.id(), "/deployments/" + d.id(), phases);
    }
}
