package io.slipway.core.rules;

import io.slipway.core.NotFoundException;
import io.slipway.core.apps.StoredConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Reads apps with their source choice straight from {@code apps} and {@code app_extensions}: the
 * webhook intake asks on every delivery, so parsed configs are kept by their JSON text (a changed
 * config is a new text; nothing goes stale).
 */
public final class SourceApps {
    private static final String SELECT = "SELECT a.id, a.name, e.extension_id, e.config_json, e.config_version "
            + "FROM apps a LEFT JOIN app_extensions e ON e.app_id = a.id AND e.point = 'source'";
    private static final int PARSED_CACHE = 4096;

    private final Jdbi jdbi;
    private final Map<String, Map<String, Object>> parsed = new java.util.concurrent.ConcurrentHashMap<>();

    public SourceApps(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    /** Every app that has a source. */
    public List<SourceApp> all() {
        return jdbi.withHandle(h -> query(h, SELECT + " WHERE e.extension_id IS NOT NULL", Map.of()));
    }

    public Optional<SourceApp> find(String name) {
        return jdbi.withHandle(h -> query(h, SELECT + " WHERE a.name = :n", Map.of("n", name))).stream().findFirst();
    }

    /** @throws NotFoundException when there is no such app */
    public SourceApp require(String name) {
        return find(name).orElseThrow(() -> new NotFoundException("App", name));
    }

    private List<SourceApp> query(Handle h, String sql, Map<String, Object> binds) {
        var q = h.createQuery(sql);
        binds.forEach(q::bind);
        return q.map((rs, ctx) -> sourceApp(rs)).list();
    }

    /**
     * Maps a row with the columns {@code id, name} (of {@code apps}) and {@code extension_id,
     * config_json, config_version} (of the app's source row in {@code app_extensions}).
     */
    public SourceApp sourceApp(java.sql.ResultSet rs) throws java.sql.SQLException {
        String type = rs.getString("extension_id");
        String json = rs.getString("config_json");
        Map<String, Object> values = json == null ? Map.of() : values(json, rs.getInt("config_version"));
        return new SourceApp(rs.getLong("id"), rs.getString("name"), type == null ? "" : type, values);
    }

    private Map<String, Object> values(String json, int version) {
        Map<String, Object> v = parsed.get(json);
        if (v == null) {
            v = new HashMap<>(StoredConfig.fromJson(json, version).values());
            v.values().removeIf(Objects::isNull);
            v = Map.copyOf(v);
            if (parsed.size() >= PARSED_CACHE) {
                parsed.clear();
            }
            parsed.put(json, v);
        }
        return v;
    }
}
