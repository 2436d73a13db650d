package io.slipway.core.pages.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Reads apps' latest deployments (the highest id) straight from the {@code deployments} table. */
public final class LastDeployments {
    private static final String LATEST = """
            SELECT a.name AS app, d.phase, d.created_at, d.finished_at
            FROM deployments d JOIN apps a ON a.id = d.app_id
            WHERE d.id = (SELECT MAX(d2.id) FROM deployments d2 WHERE d2.app_id = d.app_id)""";

    private final Jdbi jdbi;

    public LastDeployments(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    /** By app name; apps never deployed are absent. */
    public Map<String, LastDeployment> byApp() {
        return jdbi.withHandle(h -> {
            Map<String, LastDeployment> out = new HashMap<>();
            h.createQuery(LATEST).map((rs, ctx) -> Map.entry(rs.getString("app"), read(rs)))
                    .forEach(e -> out.put(e.getKey(), e.getValue()));
            return out;
        });
    }

    public Optional<LastDeployment> of(String app) {
        return jdbi.withHandle(h -> h.createQuery(LATEST + " AND a.name = :app").bind("app", app)
                .map((rs, ctx) -> read(rs)).findFirst());
    }

    private static LastDeployment read(ResultSet rs) throws SQLException {
        Instant created = rs.getObject("created_at", OffsetDateTime.class).toInstant();
        Instant at = Optional.ofNullable(rs.getObject("finished_at", OffsetDateTime.class))
                .map(OffsetDateTime::toInstant).orElse(created);
        return new LastDeployment(rs.getString("phase"), at);
    }
}
