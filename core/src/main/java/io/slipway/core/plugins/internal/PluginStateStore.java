package io.slipway.core.plugins.internal;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Update;

/**
 * The {@code plugin_states} table: what must survive a restart (enabled flags, uploaded JARs and
 * their hashes). Written only on changes, never at start-up.
 */
final class PluginStateStore {

    /** One row. */
    record Row(String pluginId, String version, boolean enabled, PluginOrigin origin, Optional<String> jarFile,
               Optional<String> sha256) {
        Row {
            Objects.requireNonNull(pluginId, "pluginId");
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(origin, "origin");
            Objects.requireNonNull(jarFile, "jarFile");
            Objects.requireNonNull(sha256, "sha256");
        }
    }

    private final Jdbi jdbi;

    PluginStateStore(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    List<Row> all() {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT plugin_id, version, enabled, origin, jar_file, sha256 FROM plugin_states")
                .map((rs, ctx) -> new Row(rs.getString("plugin_id"), rs.getString("version"), rs.getBoolean("enabled"),
                        PluginOrigin.fromId(rs.getString("origin")), Optional.ofNullable(rs.getString("jar_file")),
                        Optional.ofNullable(rs.getString("sha256"))))
                .list());
    }

    /** Inserts or replaces the row of {@code row.pluginId()}; only the plugin service's writer calls it. */
    void save(Row row) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        jdbi.useTransaction(h -> {
            int updated = bind(h.createUpdate("UPDATE plugin_states SET version = :version, enabled = :enabled, "
                    + "origin = :origin, jar_file = :jar, sha256 = :sha, updated_at = :now WHERE plugin_id = :id"), row, now)
                    .execute();
            if (updated == 0) {
                bind(h.createUpdate("INSERT INTO plugin_states (plugin_id, version, enabled, origin, jar_file, sha256, "
                        + "updated_at) VALUES (:id, :version, :enabled, :origin, :jar, :sha, :now)"), row, now).execute();
            }
        });
    }

    void delete(String pluginId) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM plugin_states WHERE plugin_id = :id").bind("id", pluginId).execute());
    }

    private static Update bind(Update u, Row row, OffsetDateTime now) {
        return u.bind("id", row.pluginId())
                .bind("version", row.version())
                .bind("enabled", row.enabled())
                .bind("origin", row.origin().id())
                .bindByType("jar", row.jarFile().orElse(null), String.class)
                .bindByType("sha", row.sha256().orElse(null), String.class)
                .bind("now", now);
    }
}
