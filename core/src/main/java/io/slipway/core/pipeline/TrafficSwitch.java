package io.slipway.core.pipeline;

import static io.slipway.core.pipeline.internal.DeploymentRowMapper.at;

import io.slipway.core.pipeline.internal.DeploymentRowMapper;
import io.slipway.plugin.api.deploy.Endpoint;
import io.slipway.plugin.api.deploy.Release;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which release serves each app+environment ({@code active_releases}). Switching is one row
 * update, so readers (the router, in a later issue) see either the old or the new release.
 */
public final class TrafficSwitch {
    private static final Logger LOG = LoggerFactory.getLogger(TrafficSwitch.class);

    private final Jdbi jdbi;
    private final Clock clock;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    public TrafficSwitch(Jdbi jdbi, Clock clock) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Runs {@code listener} after every committed change of an active release, on the thread that
     * made it (the app router re-reads its routes before the switch returns).
     */
    public void onChange(Runnable listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    private void changed() {
        for (Runnable l : listeners) {
            try {
                l.run();
            } catch (RuntimeException e) {
                LOG.warn("A traffic-switch listener failed: {}", e.getMessage());
            }
        }
    }

    public Optional<ActiveRelease> active(long appId, String environment) {
        return jdbi.withHandle(h -> active(h, appId, environment, ""));
    }

    public List<ActiveRelease> activeOf(long appId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM active_releases WHERE app_id = :app")
                .bind("app", appId).map((rs, ctx) -> new ActiveRelease(rs.getLong("app_id"), rs.getString("environment"),
                        rs.getLong("deployment_id"), DeploymentRowMapper.readRelease(rs.getString("release_json")),
                        rs.getObject("switched_at", OffsetDateTime.class).toInstant())).list());
    }

    private static Optional<ActiveRelease> active(Handle h, long appId, String environment, String lock) {
        return h.createQuery("SELECT * FROM active_releases WHERE app_id = :app AND environment = :env" + lock)
                .bind("app", appId).bind("env", environment)
                .map((rs, ctx) -> new ActiveRelease(rs.getLong("app_id"), rs.getString("environment"),
                        rs.getLong("deployment_id"), DeploymentRowMapper.readRelease(rs.getString("release_json")),
                        rs.getObject("switched_at", OffsetDateTime.class).toInstant()))
                .findOne();
    }

    /**
     * Makes {@code release} of {@code deploymentId} the one serving; idempotent.
     *
     * @return the release that served before, if another did
     */
    public Optional<ActiveRelease> switchTo(long appId, String environment, long deploymentId, Release release) {
        Instant now = clock.instant();
        Optional<ActiveRelease> replaced = jdbi.inTransaction(h -> {
            Optional<ActiveRelease> previous = active(h, appId, environment, " FOR UPDATE");
            Optional<Endpoint> e = release.endpoint();
            String sql = previous.isPresent()
                    ? "UPDATE active_releases SET deployment_id = :dep, release_json = :json, endpoint_host = :host, "
                      + "endpoint_port = :port, switched_at = :now WHERE app_id = :app AND environment = :env"
                    : "INSERT INTO active_releases (app_id, environment, deployment_id, release_json, endpoint_host, "
                      + "endpoint_port, switched_at) VALUES (:app, :env, :dep, :json, :host, :port, :now)";
            h.createUpdate(sql).bind("app", appId).bind("env", environment).bind("dep", deploymentId)
                    .bind("json", DeploymentRowMapper.write(release)).bind("host", e.map(Endpoint::host).orElse(null))
                    .bind("port", e.map(Endpoint::port).orElse(null)).bind("now", at(now)).execute();
            return previous.filter(p -> p.deploymentId() != deploymentId);
        });
        changed();
        return replaced;
    }

    /**
     * Takes every environment of an app off the router (before its releases are retired, when the
     * app is deleted), so no request is sent to a release that is stopping.
     */
    public void withdraw(long appId) {
        int removed = jdbi.withHandle(h -> h.createUpdate("DELETE FROM active_releases WHERE app_id = :app")
                .bind("app", appId).execute());
        if (removed > 0) {
            changed();
        }
    }

    /** Takes one environment of an app off the router (a preview being removed). */
    public void withdraw(long appId, String environment) {
        int removed = jdbi.withHandle(h -> h.createUpdate("DELETE FROM active_releases WHERE app_id = :app "
                + "AND environment = :env").bind("app", appId).bind("env", environment).execute());
        if (removed > 0) {
            changed();
        }
    }

    /** Puts back what served before a switch that must be undone. */
    public void restore(long appId, String environment, long failedDeploymentId, Optional<ActiveRelease> previous) {
        if (previous.isPresent()) {
            ActiveRelease p = previous.get();
            switchTo(appId, environment, p.deploymentId(), p.release());
        } else {
            jdbi.useHandle(h -> h.createUpdate("DELETE FROM active_releases WHERE app_id = :app AND environment = :env "
                    + "AND deployment_id = :dep").bind("app", appId).bind("env", environment)
                    .bind("dep", failedDeploymentId).execute());
            changed();
        }
    }
}
