package io.slipway.core.apps;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.jdbi.v3.core.Handle;

/** The SQL for {@code env_vars}; values of secret rows are stored encrypted by the caller. */
final class EnvVarStore {
    /** One row as stored: {@code value} is encrypted when {@code secret}. */
    record Row(String name, String value, boolean secret, boolean buildTime) {
        @Override
        public String toString() {
            return "Row[" + name + "]";
        }
    }

    private EnvVarStore() {
    }

    static List<Row> list(Handle h, long appId) {
        return h.createQuery("SELECT name, var_value, secret, build_time FROM env_vars WHERE app_id = :app ORDER BY name")
                .bind("app", appId)
                .map((rs, ctx) -> new Row(rs.getString("name"), rs.getString("var_value"), rs.getBoolean("secret"),
                        rs.getBoolean("build_time")))
                .list();
    }

    static Optional<Row> find(Handle h, long appId, String name) {
        return list(h, appId).stream().filter(r -> r.name().equals(name)).findFirst();
    }

    static void put(Handle h, long appId, Row row) {
        int changed = h.createUpdate("UPDATE env_vars SET var_value = :v, secret = :s, build_time = :b"
                        + " WHERE app_id = :app AND name = :name")
                .bind("v", row.value()).bind("s", row.secret()).bind("b", row.buildTime())
                .bind("app", appId).bind("name", row.name()).execute();
        if (changed == 0) {
            h.createUpdate("INSERT INTO env_vars (app_id, name, var_value, secret, build_time) VALUES (:app, :name, :v, :s, :b)")
                    .bind("v", row.value()).bind("s", row.secret()).bind("b", row.buildTime())
                    .bind("app", appId).bind("name", row.name()).execute();
        }
    }

    static boolean delete(Handle h, long appId, String name) {
        return h.createUpdate("DELETE FROM env_vars WHERE app_id = :app AND name = :name")
                .bind("app", appId).bind("name", name).execute() > 0;
    }

    /** Sets plain values, keeping each existing variable's secret and build-time flags. */
    static void putPlain(Handle h, long appId, Map<String, String> env, UnaryOperator<String> encrypt) {
        Map<String, Row> existing = new HashMap<>();
        list(h, appId).forEach(r -> existing.put(r.name(), r));
        env.forEach((name, value) -> {
            Row old = existing.get(name);
            boolean secret = old != null && old.secret();
            boolean buildTime = old != null && old.buildTime();
            put(h, appId, new Row(name, secret ? encrypt.apply(value) : value, secret, buildTime));
        });
    }
}
