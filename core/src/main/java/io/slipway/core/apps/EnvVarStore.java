package io.slipway.core.apps;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.jdbi.v3.core.Handle;

/**
 * The SQL for {@code env_vars} (an app's variables) and {@code environment_env_vars} (one
 * environment's overrides); values of secret rows are stored encrypted by the caller.
 */
final class EnvVarStore {
    /** One row as stored: {@code value} is encrypted when {@code secret}. */
    record Row(String name, String value, boolean secret, boolean buildTime) {
        @Override
        public String toString() {
            return "Row[" + name + "]";
        }
    }

    /**
     * Whose variables: the table and key column are constants of this class, never input, so they
     * may be spliced into SQL.
     */
    record Owner(String table, String column, long id) {
        static Owner app(long appId) {
            return new Owner("env_vars", "app_id", appId);
        }

        static Owner environment(long environmentId) {
            return new Owner("environment_env_vars", "environment_id", environmentId);
        }
    }

    private EnvVarStore() {
    }

    static List<Row> list(Handle h, long appId) {
        return list(h, Owner.app(appId));
    }

    static List<Row> list(Handle h, Owner owner) {
        return h.createQuery("SELECT name, var_value, secret, build_time FROM " + owner.table() + " WHERE "
                        + owner.column() + " = :owner ORDER BY name")
                .bind("owner", owner.id())
                .map((rs, ctx) -> new Row(rs.getString("name"), rs.getString("var_value"), rs.getBoolean("secret"),
                        rs.getBoolean("build_time")))
                .list();
    }

    static Optional<Row> find(Handle h, Owner owner, String name) {
        return list(h, owner).stream().filter(r -> r.name().equals(name)).findFirst();
    }

    static void put(Handle h, Owner owner, Row row) {
        int changed = h.createUpdate("UPDATE " + owner.table() + " SET var_value = :v, secret = :s, build_time = :b"
                        + " WHERE " + owner.column() + " = :owner AND name = :name")
                .bind("v", row.value()).bind("s", row.secret()).bind("b", row.buildTime())
                .bind("owner", owner.id()).bind("name", row.name()).execute();
        if (changed == 0) {
            h.createUpdate("INSERT INTO " + owner.table() + " (" + owner.column() + ", name, var_value, secret, build_time)"
                            + " VALUES (:owner, :name, :v, :s, :b)")
                    .bind("v", row.value()).bind("s", row.secret()).bind("b", row.buildTime())
                    .bind("owner", owner.id()).bind("name", row.name()).execute();
        }
    }

    static boolean delete(Handle h, Owner owner, String name) {
        return h.createUpdate("DELETE FROM " + owner.table() + " WHERE " + owner.column() + " = :owner AND name = :name")
                .bind("owner", owner.id()).bind("name", name).execute() > 0;
    }

    /** Sets plain values, keeping each existing variable's secret and build-time flags. */
    static void putPlain(Handle h, long appId, Map<String, String> env, UnaryOperator<String> encrypt) {
        Owner owner = Owner.app(appId);
        Map<String, Row> existing = new HashMap<>();
        list(h, owner).forEach(r -> existing.put(r.name(), r));
        env.forEach((name, value) -> {
            Row old = existing.get(name);
            boolean secret = old != null && old.secret();
            boolean buildTime = old != null && old.buildTime();
            put(h, owner, new Row(name, secret ? encrypt.apply(value) : value, secret, buildTime));
        });
    }
}
