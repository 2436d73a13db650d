package io.slipway.core.monitoring.internal;

import io.slipway.core.monitoring.DeploymentStats;
import io.slipway.core.monitoring.DurationSummary;
import io.slipway.core.pipeline.DeploymentPhases;
import io.slipway.core.projects.SqlTimes;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.jdbi.v3.core.Jdbi;

/** The monitoring's reads of the {@code deployments} tables (all servers' rows). */
public final class DeploymentQueries {
    /** Durations are computed over this many of the newest finished deployments / phase runs. */
    public static final int SAMPLE = 1000;

    private final Jdbi jdbi;

    public DeploymentQueries(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    /** A working deployment as the stuck check needs it. */
    public record Working(long id, long appId, String app, String environment, String phase, Instant phaseStartedAt,
                          Optional<Instant> heartbeatAt, Optional<String> claimedBy) {
    }

    /** A finished phase run (working phases only), for the duration histograms. */
    public record PhaseRun(long id, String phase, Instant finishedAt, Duration took) {
    }

    public Map<String, Long> countByPhase() {
        Map<String, Long> counts = new TreeMap<>();
        jdbi.useHandle(h -> h.createQuery("SELECT phase, COUNT(*) AS n FROM deployments GROUP BY phase")
                .map((rs, ctx) -> counts.put(rs.getString("phase"), rs.getLong("n"))).list());
        return counts;
    }

    public long queued() {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM deployments WHERE phase = 'QUEUED'")
                .mapTo(Long.class).one());
    }

    /** When the oldest queued deployment was queued. */
    public Optional<Instant> oldestQueuedAt() {
        return jdbi.withHandle(h -> h.createQuery("SELECT MIN(created_at) AS t FROM deployments WHERE phase = 'QUEUED'")
                .map((rs, ctx) -> optionalInstant(rs, "t")).one());
    }

    public DeploymentStats stats() {
        Map<String, List<Long>> byResult = new TreeMap<>();
        jdbi.useHandle(h -> h.createQuery("SELECT phase, started_at, finished_at FROM deployments WHERE "
                        + "finished_at IS NOT NULL AND started_at IS NOT NULL ORDER BY id DESC LIMIT " + SAMPLE)
                .map((rs, ctx) -> byResult.computeIfAbsent(rs.getString("phase"), k -> new ArrayList<>())
                        .add(Duration.between(SqlTimes.read(rs, "started_at"), SqlTimes.read(rs, "finished_at")).toMillis()))
                .list());
        Map<String, List<Long>> byPhase = new TreeMap<>();
        for (PhaseRun r : jdbi.withHandle(h -> h.createQuery("SELECT id, phase, started_at, finished_at FROM "
                        + "deployment_phase_runs WHERE finished_at IS NOT NULL AND phase IN ("
                        + DeploymentPhases.workingSqlList() + ") ORDER BY id DESC LIMIT " + SAMPLE)
                .map((rs, ctx) -> phaseRun(rs)).list())) {
            byPhase.computeIfAbsent(r.phase(), k -> new ArrayList<>()).add(r.took().toMillis());
        }
        return new DeploymentStats(countByPhase(), summaries(byResult), summaries(byPhase), SAMPLE);
    }

    /** Phase runs of deployments claimed by pipeline {@code instance} that finished in {@code (after, upTo]}. */
    public List<PhaseRun> phaseRunsFinished(String instance, Instant after, Instant upTo) {
        return jdbi.withHandle(h -> h.createQuery("SELECT r.id, r.phase, r.started_at, r.finished_at FROM "
                        + "deployment_phase_runs r JOIN deployments d ON d.id = r.deployment_id WHERE d.claimed_by = :me "
                        + "AND r.finished_at > :after AND r.finished_at <= :upTo AND r.phase IN ("
                        + DeploymentPhases.workingSqlList() + ") ORDER BY r.id")
                .bind("me", instance).bind("after", SqlTimes.bind(after)).bind("upTo", SqlTimes.bind(upTo))
                .map((rs, ctx) -> phaseRun(rs)).list());
    }

    public List<Working> working() {
        return jdbi.withHandle(h -> h.createQuery("SELECT d.id, d.app_id, a.name AS app_name, d.environment, d.phase, "
                        + "d.phase_started_at, d.created_at, d.heartbeat_at, d.claimed_by FROM deployments d JOIN apps a "
                        + "ON a.id = d.app_id WHERE d.phase IN (" + DeploymentPhases.workingSqlList() + ") ORDER BY d.id")
                .map((rs, ctx) -> new Working(rs.getLong("id"), rs.getLong("app_id"), rs.getString("app_name"),
                        rs.getString("environment"), rs.getString("phase"),
                        optionalInstant(rs, "phase_started_at").orElseGet(() -> instantOf(rs, "created_at")),
                        optionalInstant(rs, "heartbeat_at"), Optional.ofNullable(rs.getString("claimed_by"))))
                .list());
    }

    private static PhaseRun phaseRun(ResultSet rs) throws SQLException {
        Instant started = SqlTimes.read(rs, "started_at");
        Instant finished = SqlTimes.read(rs, "finished_at");
        return new PhaseRun(rs.getLong("id"), rs.getString("phase"), finished, Duration.between(started, finished));
    }

    private static Map<String, DurationSummary> summaries(Map<String, List<Long>> millis) {
        Map<String, DurationSummary> out = new LinkedHashMap<>();
        millis.forEach((k, v) -> out.put(k, DurationSummary.of(v)));
        return out;
    }

    private static Optional<Instant> optionalInstant(ResultSet rs, String column) throws SQLException {
        return Optional.ofNullable(rs.getObject(column, OffsetDateTime.class)).map(OffsetDateTime::toInstant);
    }

    private static Instant instantOf(ResultSet rs, String column) {
        try {
            return SqlTimes.read(rs, column);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
