package io.slipway.core.webhooks;

import io.slipway.core.persistence.GroupCommit;
import io.slipway.core.pipeline.DeploymentService;
import io.slipway.core.pipeline.SupersededDeployments;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The common delivery, a push that only queues deployments: the deployments, the delivery's
 * claim and its outcome are one unit of a group commit, so a delivery costs a share of one
 * commit, and superseding older queued deployments is done once per app+environment for the
 * whole group. A unit that fails leaves nothing behind: the claim goes with it.
 */
final class ClaimedPush {
    /** One deployment the push asks for. */
    record ToQueue(long appId, String app, String environment, String ref, String commitId, String by) {
    }

    /** The delivery's record and the deployments queued (announced already). */
    record Queued(long recordId, List<Long> deployments) {
    }

    private record Unit(long recordId, List<DeploymentService.Queued> queued) {
    }

    private final GroupCommit writes;
    private final DeploymentService deployments;
    private final Clock clock;

    ClaimedPush(GroupCommit writes, DeploymentService deployments, Clock clock) {
        this.writes = Objects.requireNonNull(writes, "writes");
        this.deployments = Objects.requireNonNull(deployments, "deployments");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Claims {@code entry}'s delivery id and queues {@code wanted} in one unit.
     *
     * @throws RuntimeException a unique violation ({@link io.slipway.core.projects.UniqueViolation})
     *     when the id was claimed before, or what queueing threw
     */
    Queued claimAndQueue(DeliveryEntry entry, String matched, List<ToQueue> wanted) {
        Map<String, GroupCommit.Finisher<SupersededDeployments>> supersede = new HashMap<>();
        for (ToQueue q : wanted) {
            supersede.put(q.appId() + "/" + q.environment(), h -> deployments.supersedeQueued(h, q.appId(),
                    q.environment()));
        }
        GroupCommit.Finished<Unit, SupersededDeployments> done = writes.run(h -> {
            List<DeploymentService.Queued> queued = new ArrayList<>();
            for (ToQueue q : wanted) {
                queued.add(deployments.insertTriggered(h, q.appId(), q.app(), q.environment(), q.ref(),
                        Optional.of(q.commitId()), "webhook", q.by()));
            }
            // The claim comes last (one INSERT with the outcome): a duplicate id undoes the unit.
            long id = DeliveryStore.claim(h, entry, clock.instant(), "queued", 202, matched,
                    queued.stream().map(q -> q.deployment().id()).toList());
            return new Unit(id, queued);
        }, supersede);
        List<Long> ids = done.value().queued().stream().map(q -> deployments.announce(q).id()).toList();
        done.owned().values().forEach(deployments::announceSuperseded);
        return new Queued(done.value().recordId(), ids);
    }
}
