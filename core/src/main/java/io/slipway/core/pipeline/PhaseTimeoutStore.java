package io.slipway.core.pipeline;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Per-app phase timeouts ({@code pipeline_timeouts}); a missing value means the default. */
public final class PhaseTimeoutStore {
    private final Jdbi jdbi;

    public PhaseTimeoutStore(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    public PhaseTimeouts of(long appId) {
        PhaseTimeouts d = PhaseTimeouts.defaults();
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM pipeline_timeouts WHERE app_id = :app")
                .bind("app", appId)
                .map((rs, ctx) -> new PhaseTimeouts(seconds(rs.getObject("fetch_seconds"), d.fetch()),
                        seconds(rs.getObject("build_seconds"), d.build()),
                        seconds(rs.getObject("deploy_seconds"), d.deploy()),
                        seconds(rs.getObject("health_seconds"), d.health())))
                .findOne().orElse(d));
    }

    public void put(long appId, PhaseTimeouts t) {
        jdbi.useTransaction(h -> {
            String cols = "fetch_seconds = :f, build_seconds = :b, deploy_seconds = :d, health_seconds = :h";
            int rows = bind(h.createUpdate("UPDATE pipeline_timeouts SET " + cols + " WHERE app_id = :app"), appId, t)
                    .execute();
            if (rows == 0) {
                bind(h.createUpdate("INSERT INTO pipeline_timeouts (app_id, fetch_seconds, build_seconds, deploy_seconds, "
                        + "health_seconds) VALUES (:app, :f, :b, :d, :h)"), appId, t).execute();
            }
        });
    }

    private static org.jdbi.v3.core.statement.Update bind(org.jdbi.v3.core.statement.Update u, long appId, PhaseTimeouts t) {
        return u.bind("app", appId).bind("f", (int) t.fetch().toSeconds()).bind("b", (int) t.build().toSeconds())
                .bind("d", (int) t.deploy().toSeconds()).bind("h", (int) t.health().toSeconds());
    }

    private static Duration seconds(Object column, Duration fallback) {
        return Optional.ofNullable(column).map(v -> Duration.ofSeconds(((Number) v).longValue())).orElse(fallback);
    }
}
