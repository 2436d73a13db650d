package io.slipway.core.pipeline.internal;

import static io.slipway.core.pipeline.internal.DeploymentRowMapper.at;
import static io.slipway.core.pipeline.internal.DeploymentRowMapper.write;

import io.slipway.core.pipeline.Deployment;
import io.slipway.core.pipeline.DeploymentPhases;
import io.slipway.core.pipeline.PhaseTiming;
import io.slipway.plugin.api.build.Artifact;
import io.slipway.plugin.api.deploy.Release;
import io.slipway.plugin.api.notify.DeploymentPhase;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The {@code deployments} table: inserts, reads and the recorded outputs of phases. Phase
 * changes are not here: they go through {@link DeploymentTransitions} only.
 */
public final class DeploymentStore {
    static final String SELECT = "SELECT d.*, a.name AS app_name FROM deployments d JOIN apps a ON a.id = d.app_id ";
    private static final DeploymentRowMapper ROWS = new DeploymentRowMapper();

    private final Jdbi jdbi;

    public DeploymentStore(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    /** What a new row holds; artifact and revision are set for redeploys and rollbacks. */
    public record NewDeployment(long appId, String environment, String trigger, String triggeredBy,
                                Optional<String> ref, Optional<String> revision, Optional<Long> sourceDeploymentId,
                                Optional<Artifact> artifact) {
    }

    /**
     * {@code n} as {@link #insert(Handle, NewDeployment, Instant)} stored it under {@code id}, without
     * reading it back: a webhook delivery queues deployments on the group-commit thread, where each
     * read is paid by every waiting delivery.
     */
    public static Deployment asInserted(long id, String appName, NewDeployment n, Instant now) {
        return new Deployment(id, n.appId(), appName, n.environment(), DeploymentPhase.QUEUED, 0, n.trigger(),
                n.triggeredBy(), n.ref(), n.revision(), Optional.empty(), now.truncatedTo(ChronoUnit.MICROS),
                Optional.empty(), Optional.empty(), Optional.empty(), n.sourceDeploymentId(), n.artifact(),
                Optional.empty(), false, 0, Optional.empty(), Optional.empty(), Optional.empty());
    }

    public long insert(NewDeployment n, Instant now) {
        return jdbi.withHandle(h -> insert(h, n, now));
    }

    /** Inserts in the caller's transaction (enqueueing inserts, reads and supersedes in one). */
    public static long insert(Handle h, NewDeployment n, Instant now) {
        return h.createUpdate("""
                        INSERT INTO deployments (app_id, environment, trigger_kind, trigger_by, ref, revision, phase,
                            progress, created_at, source_deployment_id, artifact_ref, artifact_json)
                        VALUES (:app, :env, :trigger, :by, :ref, :revision, 'QUEUED', 0, :now, :source, :artifactRef,
                            :artifactJson)""")
                .bind("app", n.appId()).bind("env", n.environment()).bind("trigger", n.trigger())
                .bind("by", n.triggeredBy()).bind("ref", n.ref().orElse(null))
                .bind("revision", n.revision().orElse(null)).bind("now", at(now))
                .bind("source", n.sourceDeploymentId().orElse(null))
                .bind("artifactRef", n.artifact().map(Artifact::reference).orElse(null))
                .bind("artifactJson", n.artifact().map(DeploymentRowMapper::write).orElse(null))
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    }

    public Optional<Deployment> find(long id) {
        return jdbi.withHandle(h -> find(h, id));
    }

    public static Optional<Deployment> find(Handle h, long id) {
        return h.createQuery(SELECT + "WHERE d.id = :id").bind("id", id).map(ROWS).findOne();
    }

    /** Newest first; {@code beforeId} is the paging cursor. */
    public List<Deployment> listForApp(long appId, int limit, Optional<Long> beforeId) {
        return jdbi.withHandle(h -> h.createQuery(SELECT + "WHERE d.app_id = :app AND d.id < :before "
                        + "ORDER BY d.id DESC LIMIT :limit")
                .bind("app", appId).bind("before", beforeId.orElse(Long.MAX_VALUE)).bind("limit", limit)
                .map(ROWS).list());
    }

    /** The newest deployment of an app+environment that went live. */
    public Optional<Deployment> lastLive(long appId, String environment) {
        return jdbi.withHandle(h -> h.createQuery(SELECT + "WHERE d.app_id = :app AND d.environment = :env AND "
                        + "d.phase = 'ACTIVE' ORDER BY d.id DESC LIMIT 1")
                .bind("app", appId).bind("env", environment).map(ROWS).findOne());
    }

    /** When each phase a deployment entered began and ended, in order. */
    public List<PhaseTiming> phaseTimings(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT phase, started_at, finished_at FROM deployment_phase_runs "
                        + "WHERE deployment_id = :id ORDER BY id").bind("id", id)
                .map((rs, ctx) -> new PhaseTiming(DeploymentPhase.valueOf(rs.getString("phase")),
                        DeploymentRowMapper.instant(rs, "started_at").orElseThrow(),
                        DeploymentRowMapper.instant(rs, "finished_at")))
                .list());
    }

    public long queuedCount() {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM deployments WHERE phase = 'QUEUED'")
                .mapTo(Long.class).one());
    }

    /** Deployments in a working phase (any server). */
    public List<Deployment> working() {
        return jdbi.withHandle(h -> h.createQuery(SELECT + "WHERE d.phase IN (" + DeploymentPhases.workingSqlList()
                + ") ORDER BY d.id").map(ROWS).list());
    }

    /**
     * Queued deployments whose app+environment has nothing running, oldest first. A hint only:
     * the claim re-checks under a lock. On PostgreSQL this is where {@code FOR UPDATE SKIP LOCKED}
     * would let several servers pick different rows without waiting on each other.
     */
    public List<Deployment> claimable(int limit) {
        return jdbi.withHandle(h -> h.createQuery(SELECT + "WHERE d.phase = 'QUEUED' AND NOT "
                        + DeploymentPhases.anyWorking("w.app_id = d.app_id AND w.environment = d.environment")
                        + " ORDER BY d.id LIMIT :limit")
                .bind("limit", limit).map(ROWS).list());
    }

    public void recordRevision(long id, String revision, String message) {
        update("UPDATE deployments SET revision = :v, commit_message = :m WHERE id = :id", id, revision, message);
    }

    public void recordArtifact(long id, Artifact artifact) {
        update("UPDATE deployments SET artifact_ref = :v, artifact_json = :m WHERE id = :id", id,
                artifact.reference(), write(artifact));
    }

    public void recordRelease(long id, Optional<Release> release) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE deployments SET release_json = :v WHERE id = :id")
                .bind("id", id).bind("v", release.map(DeploymentRowMapper::write).orElse(null)).execute());
    }

    private void update(String sql, long id, String v, String m) {
        jdbi.useHandle(h -> h.createUpdate(sql).bind("id", id).bind("v", v).bind("m", m).execute());
    }

    /** Marks a running deployment for cancellation, so whichever server runs it stops it. */
    public boolean requestCancel(long id) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE deployments SET cancel_requested = TRUE WHERE id = :id "
                + "AND phase IN (" + DeploymentPhases.workingSqlList() + ")").bind("id", id).execute()) == 1;
    }

    /** Ids of this server's deployments someone asked to cancel. */
    public List<Long> cancelRequested(String instance) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id FROM deployments WHERE claimed_by = :me AND "
                        + "cancel_requested = TRUE AND phase IN (" + DeploymentPhases.workingSqlList() + ")")
                .bind("me", instance).mapTo(Long.class).list());
    }

    /** Tells other servers this one still runs its deployments. */
    public void heartbeat(String instance, Instant now) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE deployments SET heartbeat_at = :now WHERE claimed_by = :me AND "
                + "phase IN (" + DeploymentPhases.workingSqlList() + ")").bind("me", instance).bind("now", at(now))
                .execute());
    }

    /**
     * Takes over a deployment whose server stopped beating its heart; true for exactly one server.
     */
    public boolean takeOver(Deployment d, String instance, Instant staleBefore, Instant now) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE deployments SET claimed_by = :me, heartbeat_at = :now, "
                        + "resume_count = resume_count + 1 WHERE id = :id AND phase = :phase AND "
                        + "(claimed_by IS NULL OR claimed_by <> :me) AND (heartbeat_at IS NULL OR heartbeat_at < :stale)")
                .bind("me", instance).bind("now", at(now)).bind("id", d.id()).bind("phase", d.phase().name())
                .bind("stale", at(staleBefore)).execute()) == 1;
    }
}
