package io.slipway.core.pipeline.internal;

import static io.slipway.core.pipeline.internal.DeploymentRowMapper.at;

import io.slipway.core.pipeline.Deployment;
import io.slipway.core.pipeline.DeploymentPhases;
import io.slipway.core.pipeline.SupersededDeployments;
import io.slipway.plugin.api.notify.DeploymentPhase;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way a deployment's phase changes. Each change is a compare-and-set on the phase the
 * caller saw, so two workers, two servers, a user's cancel and the reconciler can never both
 * win; and a final phase is never left. The new phase, its progress and timestamps are written
 * before the phase's work starts; listeners (events, live logs) hear of it after the commit.
 */
public final class DeploymentTransitions {
    private static final Logger LOG = LoggerFactory.getLogger(DeploymentTransitions.class);

    private final Jdbi jdbi;
    private final Clock clock;
    private final List<Consumer<Deployment>> listeners = new CopyOnWriteArrayList<>();

    public DeploymentTransitions(Jdbi jdbi, Clock clock) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Hears every committed phase change, with the deployment as it is afterwards. */
    public void onTransition(Consumer<Deployment> listener) {
        listeners.add(listener);
    }

    /** Tells the listeners of a deployment just queued (a phase it enters without a change). */
    public void announceQueued(Deployment queued) {
        announce(queued);
    }

    /**
     * Supersedes, in the caller's transaction, every deployment of the app+environment older than
     * {@code newerId} that is still QUEUED: one UPDATE guarded by {@code phase = 'QUEUED'} (so a
     * final phase is never left, and a row a worker claimed meanwhile keeps its run), plus the
     * phase-run rows {@link #transitionTo} writes. Returns them as they are afterwards; once the
     * transaction commits, the caller passes them to {@link #announceSuperseded}.
     */
    public List<Deployment> supersedeQueued(Handle h, long appId, String environment, long newerId) {
        // The candidates by the (app, environment, phase) index: a handful of QUEUED rows, where
        // matching SUPERSEDED rows afterwards would scan every deployment the app ever superseded.
        return supersede(h, queued(h, appId, environment, newerId), newerId);
    }

    /**
     * Supersedes every QUEUED deployment of the app+environment but the newest, in the caller's
     * transaction: what {@link #supersedeQueued} does for a group of deployments queued at once.
     * Returns the newest one's id (empty when none is queued) and the superseded rows.
     */
    public SupersededDeployments supersedeAllButNewest(Handle h, long appId, String environment) {
        List<Deployment> queued = queued(h, appId, environment, Long.MAX_VALUE);
        if (queued.isEmpty()) {
            return new SupersededDeployments(Optional.empty(), List.of());
        }
        long newest = queued.get(queued.size() - 1).id();
        return new SupersededDeployments(Optional.of(newest), supersede(h, queued.subList(0, queued.size() - 1), newest));
    }

    private static List<Deployment> queued(Handle h, long appId, String environment, long belowId) {
        return h.createQuery(DeploymentStore.SELECT + "WHERE d.app_id = :app AND d.environment = :env AND "
                        + "d.phase = 'QUEUED' AND d.id < :id ORDER BY d.id")
                .bind("app", appId).bind("env", environment).bind("id", belowId).map(new DeploymentRowMapper()).list();
    }

    private List<Deployment> supersede(Handle h, List<Deployment> queued, long newerId) {
        if (queued.isEmpty()) {
            return List.of();
        }
        Instant now = clock.instant();
        String error = "Superseded by deployment " + newerId + ".";
        int progress = DeploymentPhases.progress(DeploymentPhase.SUPERSEDED);
        List<Long> ids = queued.stream().map(Deployment::id).toList();
        int rows = h.createUpdate("UPDATE deployments SET phase = 'SUPERSEDED', phase_started_at = :now, "
                        + "heartbeat_at = :now" + (progress >= 0 ? ", progress = " + progress : "")
                        + ", error = :error, finished_at = :now WHERE id IN (<ids>) AND phase = 'QUEUED'")
                .bind("now", at(now)).bind("error", error).bindList("ids", ids).execute();
        if (rows == 0) {
            return List.of(); // a worker claimed (or superseded) them first
        }
        // All of them changed (the usual case): what they are now is known without reading them
        // again. Otherwise exactly the rows this UPDATE changed: no one else can name newerId yet.
        List<Deployment> superseded = rows == queued.size()
                ? queued.stream().map(d -> superseded(d, now, error, progress)).toList()
                : h.createQuery(DeploymentStore.SELECT + "WHERE d.id IN (<ids>) AND d.phase = 'SUPERSEDED' AND "
                        + "d.error = :error ORDER BY d.id")
                .bindList("ids", ids).bind("error", error).map(new DeploymentRowMapper()).list();
        var close = h.prepareBatch("UPDATE deployment_phase_runs SET finished_at = :now WHERE deployment_id = :id "
                + "AND finished_at IS NULL");
        var open = h.prepareBatch("INSERT INTO deployment_phase_runs (deployment_id, phase, started_at, finished_at) "
                + "VALUES (:id, 'SUPERSEDED', :now, :now)");
        for (Deployment d : superseded) {
            close.bind("now", at(now)).bind("id", d.id()).add();
            open.bind("id", d.id()).bind("now", at(now)).add();
        }
        close.execute();
        open.execute();
        return superseded;
    }

    private static Deployment superseded(Deployment d, Instant now, String error, int progress) {
        return new Deployment(d.id(), d.appId(), d.app(), d.environment(), DeploymentPhase.SUPERSEDED,
                progress >= 0 ? progress : d.progress(), d.trigger(), d.triggeredBy(), d.ref(), d.revision(),
                d.commitMessage(), d.createdAt(), d.startedAt(), Optional.of(now), Optional.of(error),
                d.sourceDeploymentId(), d.artifact(), d.release(), d.cancelRequested(), d.resumeCount(), d.claimedBy(),
                Optional.of(now), Optional.of(now));
    }

    /** Tells the listeners of the deployments {@link #supersedeQueued} changed, after the commit. */
    public void announceSuperseded(List<Deployment> superseded) {
        for (Deployment d : superseded) {
            LOG.debug("Deployment {} QUEUED -> SUPERSEDED", d.id());
            announce(d);
        }
    }

    private void announce(Deployment d) {
        for (Consumer<Deployment> l : listeners) {
            try {
                l.accept(d);
            } catch (RuntimeException e) {
                LOG.warn("A listener of deployment {} failed on {}", d.id(), d.phase(), e);
            }
        }
    }

    /**
     * A phase change. {@code claimBy} makes the caller's server the deployment's runner;
     * {@code guard} runs inside the same transaction first and may veto the change.
     */
    public record Change(DeploymentPhase from, DeploymentPhase to, Optional<String> error, Optional<String> claimBy,
                         Optional<Predicate<Handle>> guard) {
        public Change {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(error, "error");
            Objects.requireNonNull(claimBy, "claimBy");
            Objects.requireNonNull(guard, "guard");
        }

        public static Change of(DeploymentPhase from, DeploymentPhase to) {
            return new Change(from, to, Optional.empty(), Optional.empty(), Optional.empty());
        }

        public static Change failure(DeploymentPhase from, DeploymentPhase to, String error) {
            return new Change(from, to, Optional.of(error), Optional.empty(), Optional.empty());
        }

        public Change claimedBy(String instance, Predicate<Handle> check) {
            return new Change(from, to, error, Optional.of(instance), Optional.of(check));
        }
    }

    /**
     * Moves deployment {@code id} from {@code change.from()} to {@code change.to()}.
     *
     * @return the deployment afterwards, or empty when it was no longer in {@code from} (someone
     *         else moved it first) or the guard vetoed
     * @throws IllegalStateException when asked to leave a final phase: a bug in the caller
     */
    public Optional<Deployment> transitionTo(long id, Change change) {
        if (change.from().isFinal()) {
            throw new IllegalStateException("deployment " + id + " is " + change.from() + ", a final phase; it cannot become "
                    + change.to());
        }
        Instant now = clock.instant();
        Optional<Deployment> after = jdbi.inTransaction(h -> {
            if (change.guard().isPresent() && !change.guard().get().test(h)) {
                return Optional.<Deployment>empty();
            }
            int progress = DeploymentPhases.progress(change.to());
            boolean leavingQueue = change.from() == DeploymentPhase.QUEUED && DeploymentPhases.isWorking(change.to());
            StringBuilder sql = new StringBuilder("UPDATE deployments SET phase = :to, phase_started_at = :now, "
                    + "heartbeat_at = :now");
            if (progress >= 0) {
                sql.append(", progress = ").append(progress);
            }
            change.error().ifPresent(e -> sql.append(", error = :error"));
            change.claimBy().ifPresent(c -> sql.append(", claimed_by = :claim"));
            if (leavingQueue) {
                sql.append(", started_at = :now");
            }
            if (change.to().isFinal()) {
                sql.append(", finished_at = :now");
            }
            sql.append(" WHERE id = :id AND phase = :from");
            var update = h.createUpdate(sql.toString()).bind("to", change.to().name()).bind("now", at(now))
                    .bind("id", id).bind("from", change.from().name());
            change.error().ifPresent(e -> update.bind("error", e));
            change.claimBy().ifPresent(c -> update.bind("claim", c));
            int rows = update.execute();
            if (rows != 1) {
                return Optional.<Deployment>empty();
            }
            h.createUpdate("UPDATE deployment_phase_runs SET finished_at = :now WHERE deployment_id = :id "
                    + "AND finished_at IS NULL").bind("now", at(now)).bind("id", id).execute();
            h.createUpdate("INSERT INTO deployment_phase_runs (deployment_id, phase, started_at, finished_at) "
                            + "VALUES (:id, :phase, :now, :finished)")
                    .bind("id", id).bind("phase", change.to().name()).bind("now", at(now))
                    .bind("finished", change.to().isFinal() ? at(now) : null).execute();
            return DeploymentStore.find(h, id);
        });
        after.ifPresent(d -> {
            LOG.debug("Deployment {} {} -> {}", id, change.from(), change.to());
            for (Consumer<Deployment> l : listeners) {
                try {
                    l.accept(d);
                } catch (RuntimeException e) {
                    LOG.warn("A listener of deployment {} failed on {}", id, change.to(), e);
                }
            }
        });
        return after;
    }
}
