package io.slipway.core.monitor.internal;

import io.slipway.core.monitor.ReleaseHealth;
import io.slipway.core.projects.SqlTimes;
import io.slipway.core.projects.UniqueViolation;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * {@code release_health}: one row per active release. Every change is a conditional UPDATE, so
 * of several servers probing the same release only one sees (and announces) a change.
 */
public final class ReleaseHealthStore {
    private final Jdbi jdbi;

    public ReleaseHealthStore(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    /** The apps with a release serving in some environment. */
    public List<Long> appsWithActiveReleases() {
        return jdbi.withHandle(h -> h.createQuery("SELECT DISTINCT app_id FROM active_releases ORDER BY app_id")
                .mapTo(Long.class).list());
    }

    public Optional<ReleaseHealth> find(long appId, String environment) {
        return jdbi.withHandle(h -> find(h, appId, environment));
    }

    private static Optional<ReleaseHealth> find(Handle h, long appId, String environment) {
        return h.createQuery("SELECT * FROM release_health WHERE app_id = :app AND environment = :env")
                .bind("app", appId).bind("env", environment).map(ReleaseHealthStore::row).findOne();
    }

    private static ReleaseHealth row(ResultSet rs, StatementContext ctx) throws SQLException {
        return new ReleaseHealth(rs.getLong("app_id"), rs.getString("environment"), rs.getLong("deployment_id"),
                rs.getBoolean("healthy"), SqlTimes.read(rs, "since"),
                Optional.ofNullable(rs.getString("last_detail")).orElse(""));
    }

    /**
     * The stored state of {@code deploymentId}'s release; a release not seen before starts
     * healthy (it passed the pipeline's health check to go live) since {@code wentLive}.
     */
    public ReleaseHealth track(long appId, String environment, long deploymentId, Instant wentLive) {
        Optional<ReleaseHealth> stored = find(appId, environment);
        if (stored.isPresent() && stored.get().deploymentId() == deploymentId) {
            return stored.get();
        }
        if (stored.isPresent()) {
            jdbi.useHandle(h -> h.createUpdate("UPDATE release_health SET deployment_id = :dep, healthy = TRUE, "
                            + "since = :now, last_detail = '' WHERE app_id = :app AND environment = :env "
                            + "AND deployment_id = :old")
                    .bind("dep", deploymentId).bind("now", SqlTimes.bind(wentLive)).bind("app", appId)
                    .bind("env", environment).bind("old", stored.get().deploymentId()).execute());
        } else {
            try {
                jdbi.useHandle(h -> h.createUpdate("INSERT INTO release_health (app_id, environment, deployment_id, "
                                + "healthy, since, last_detail) VALUES (:app, :env, :dep, TRUE, :now, '')")
                        .bind("app", appId).bind("env", environment).bind("dep", deploymentId)
                        .bind("now", SqlTimes.bind(wentLive)).execute());
            } catch (UnableToExecuteStatementException e) {
                if (!UniqueViolation.isCauseOf(e)) {
                    throw e;
                }
                // another server inserted it first: its row is as good
            }
        }
        return find(appId, environment).orElseThrow(() -> new IllegalStateException(
                "release_health lost the row of app " + appId + "/" + environment));
    }

    /**
     * Moves {@code from} to {@code healthy}; false when the stored row no longer is {@code from}
     * (another server changed it, or another release went live).
     */
    public boolean change(ReleaseHealth from, boolean healthy, String detail, Instant now) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE release_health SET healthy = :to, since = :now, "
                        + "last_detail = :detail WHERE app_id = :app AND environment = :env AND deployment_id = :dep "
                        + "AND healthy = :from")
                .bind("to", healthy).bind("now", SqlTimes.bind(now)).bind("detail", detail)
                .bind("app", from.appId()).bind("env", from.environment()).bind("dep", from.deploymentId())
                .bind("from", from.healthy()).execute()) == 1;
    }

    /** Drops the rows of releases that no longer serve. */
    public void forgetInactive() {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM release_health WHERE NOT EXISTS (SELECT 1 FROM active_releases a "
                + "WHERE a.app_id = release_health.app_id AND a.environment = release_health.environment)").execute());
    }

    public List<ReleaseHealth> all() {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM release_health ORDER BY app_id, environment")
                .map(ReleaseHealthStore::row).list());
    }
}
