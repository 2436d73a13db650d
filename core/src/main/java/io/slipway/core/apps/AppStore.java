package io.slipway.core.apps;

import io.slipway.core.NotFoundException;
import io.slipway.core.projects.SqlTimes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/** The SQL for {@code apps} and {@code app_extensions}; runs inside the caller's handle. */
final class AppStore {
    private static final String SELECT = "SELECT a.id, a.name, p.name AS project, a.created_at, a.updated_at"
            + " FROM apps a JOIN projects p ON p.id = a.project_id";

    /** One row of {@code apps}, with its project's name. */
    record AppRow(long id, String name, String project, Instant createdAt, Instant updatedAt) {
    }

    private AppStore() {
    }

    static Optional<AppRow> find(Handle h, String name) {
        return rows(h.createQuery(SELECT + " WHERE a.name = :name").bind("name", name)).stream().findFirst();
    }

    static AppRow require(Handle h, String name) {
        return find(h, name).orElseThrow(() -> new NotFoundException("App", name));
    }

    /** Apps by name after {@code after}, at most {@code limit}, optionally of one project. */
    static List<AppRow> list(Handle h, Optional<String> project, String after, int limit) {
        String where = " WHERE a.name > :after" + (project.isPresent() ? " AND p.name = :project" : "");
        Query q = h.createQuery(SELECT + where + " ORDER BY a.name FETCH FIRST :n ROWS ONLY")
                .bind("after", after).bind("n", limit);
        project.ifPresent(p -> q.bind("project", p));
        return rows(q);
    }

    static Optional<Long> projectId(Handle h, String project) {
        return h.createQuery("SELECT id FROM projects WHERE name = :name").bind("name", project)
                .mapTo(Long.class).findOne();
    }

    static long insert(Handle h, long projectId, String name, Instant now) {
        h.createUpdate("INSERT INTO apps (project_id, name, created_at, updated_at) VALUES (:p, :name, :at, :at)")
                .bind("p", projectId).bind("name", name).bind("at", SqlTimes.bind(now)).execute();
        return h.createQuery("SELECT id FROM apps WHERE name = :name").bind("name", name).mapTo(Long.class).one();
    }

    static void update(Handle h, long id, long projectId, Instant now) {
        h.createUpdate("UPDATE apps SET project_id = :p, updated_at = :at WHERE id = :id")
                .bind("p", projectId).bind("at", SqlTimes.bind(now)).bind("id", id).execute();
    }

    static void delete(Handle h, long id) {
        // Extensions, environments, env vars and deployment rows go with it (ON DELETE CASCADE).
        h.createUpdate("DELETE FROM apps WHERE id = :id").bind("id", id).execute();
    }

    /** The stored choices of each app, keyed by app id, then point id. */
    static Map<Long, Map<String, StoredChoice>> choices(Handle h, Collection<Long> appIds) {
        Map<Long, Map<String, StoredChoice>> out = new LinkedHashMap<>();
        if (appIds.isEmpty()) {
            return out;
        }
        h.createQuery("SELECT app_id, point, extension_id, config_json, config_version FROM app_extensions"
                        + " WHERE app_id IN (<ids>) ORDER BY app_id, point")
                .bindList("ids", new ArrayList<>(appIds))
                .map((rs, ctx) -> Map.entry(rs.getLong("app_id"), Map.entry(rs.getString("point"),
                        new StoredChoice(rs.getString("extension_id"),
                                StoredConfig.fromJson(rs.getString("config_json"), rs.getInt("config_version"))))))
                .forEach(e -> out.computeIfAbsent(e.getKey(), k -> new LinkedHashMap<>())
                        .put(e.getValue().getKey(), e.getValue().getValue()));
        return out;
    }

    static void putChoice(Handle h, long appId, String point, StoredChoice choice) {
        int changed = h.createUpdate("UPDATE app_extensions SET extension_id = :type, config_json = :json,"
                        + " config_version = :v WHERE app_id = :app AND point = :point")
                .bind("type", choice.type()).bind("json", choice.config().toJson()).bind("v", StoredConfig.VERSION)
                .bind("app", appId).bind("point", point).execute();
        if (changed == 0) {
            h.createUpdate("INSERT INTO app_extensions (app_id, point, extension_id, config_json, config_version)"
                            + " VALUES (:app, :point, :type, :json, :v)")
                    .bind("type", choice.type()).bind("json", choice.config().toJson()).bind("v", StoredConfig.VERSION)
                    .bind("app", appId).bind("point", point).execute();
        }
    }

    private static List<AppRow> rows(Query q) {
        return q.map((rs, ctx) -> new AppRow(rs.getLong("id"), rs.getString("name"), rs.getString("project"),
                SqlTimes.read(rs, "created_at"), SqlTimes.read(rs, "updated_at"))).list();
    }
}
