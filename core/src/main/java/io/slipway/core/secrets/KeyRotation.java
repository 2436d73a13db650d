package io.slipway.core.secrets;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Update;

/**
 * Re-encrypts every stored secret under a new key, in one transaction. Rather than a list of
 * encrypted columns that every new feature must remember to extend, it looks at every text column
 * of every table for {@code v1:...} values (whole, or inside JSON such as {@code config_json}) and
 * re-encrypts those the old key opens; AES-GCM's tag makes a plain value that happens to look
 * like one impossible to mistake for a secret. Covers env_vars, app_extensions,
 * notification_targets, plugin_secrets and whatever later tables keep.
 */
public final class KeyRotation {
    private static final Pattern SEALED = Pattern.compile(Pattern.quote(SecretCipher.PREFIX) + "[A-Za-z0-9+/]{16,}={0,2}");
    private static final Set<Integer> TEXT_TYPES = Set.of(Types.VARCHAR, Types.CHAR, Types.LONGVARCHAR, Types.CLOB,
            Types.NVARCHAR, Types.NCHAR, Types.LONGNVARCHAR, Types.NCLOB);

    private KeyRotation() {
    }

    /**
     * What a rotation changed.
     *
     * @param values secrets re-encrypted
     * @param columns the columns ({@code table.column}) that held them, with how many each
     * @param unreadable {@code v1:} values the old key could not open (left as they were)
     */
    public record Result(int values, Map<String, Integer> columns, int unreadable) {
        public Result {
            columns = Map.copyOf(columns);
        }
    }

    /** Re-encrypts everything {@code from} opens under {@code to}; all or nothing. */
    public static Result reencrypt(Jdbi jdbi, SecretCipher from, SecretCipher to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        try {
            return jdbi.inTransaction(h -> {
                Counts counts = new Counts();
                for (Column c : textColumns(h.getConnection())) {
                    rotate(h, c, from, to, counts);
                }
                return new Result(counts.values, counts.columns, counts.unreadable);
            });
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the database's tables: " + e.getMessage(), e);
        }
    }

    private static void rotate(Handle h, Column c, SecretCipher from, SecretCipher to, Counts counts) {
        java.util.LinkedHashSet<String> selected = new java.util.LinkedHashSet<>(c.primaryKey());
        selected.add(c.name());
        String sql = "SELECT " + String.join(", ", selected.stream().map(KeyRotation::quote).toList()) + " FROM " + quote(c.table()) + " WHERE "
                + quote(c.name()) + " LIKE '%" + SecretCipher.PREFIX + "%'";
        List<Map<String, Object>> rows = h.createQuery(sql).mapToMap().list();
        for (Map<String, Object> row : rows) {
            String stored = text(value(row, c.name()));
            if (stored == null) {
                continue;
            }
            StringBuilder out = new StringBuilder();
            Matcher m = SEALED.matcher(stored);
            int changed = 0;
            while (m.find()) {
                var plain = from.tryDecrypt(m.group());
                if (plain.isPresent()) {
                    m.appendReplacement(out, Matcher.quoteReplacement(to.encrypt(plain.get())));
                    changed++;
                } else {
                    counts.unreadable++;
                }
            }
            if (changed == 0) {
                continue;
            }
            m.appendTail(out);
            StringBuilder update = new StringBuilder("UPDATE " + quote(c.table()) + " SET " + quote(c.name()) + " = ? WHERE ");
            update.append(String.join(" AND ", c.primaryKey().stream().map(k -> quote(k) + " = ?").toList()));
            Update u = h.createUpdate(update.toString()).bind(0, out.toString());
            for (int i = 0; i < c.primaryKey().size(); i++) {
                u.bind(i + 1, value(row, c.primaryKey().get(i)));
            }
            if (u.execute() != 1) {
                throw new IllegalStateException("Row of " + c.table() + " changed during the rotation; nothing was changed");
            }
            counts.values += changed;
            counts.columns.merge(c.table().toLowerCase(Locale.ROOT) + "." + c.name().toLowerCase(Locale.ROOT), changed, Integer::sum);
        }
    }

    private static String text(Object v) {
        try {
            return v instanceof java.sql.Clob clob ? clob.getSubString(1, (int) clob.length()) : v == null ? null : v.toString();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read a text value: " + e.getMessage(), e);
        }
    }

    /** mapToMap lower-cases column labels on some databases; look the value up either way. */
    private static Object value(Map<String, Object> row, String column) {
        return row.containsKey(column) ? row.get(column) : row.get(column.toLowerCase(Locale.ROOT));
    }

    private static List<Column> textColumns(Connection connection) throws SQLException {
        DatabaseMetaData md = connection.getMetaData();
        String schema = connection.getSchema();
        List<String> tables = new ArrayList<>();
        try (ResultSet rs = md.getTables(connection.getCatalog(), schema, "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                String t = rs.getString("TABLE_NAME");
                if (!t.toLowerCase(Locale.ROOT).startsWith("flyway_")) {
                    tables.add(t);
                }
            }
        }
        List<Column> columns = new ArrayList<>();
        for (String table : tables) {
            Map<Integer, String> key = new java.util.TreeMap<>();
            try (ResultSet rs = md.getPrimaryKeys(connection.getCatalog(), schema, table)) {
                while (rs.next()) {
                    key.put(rs.getInt("KEY_SEQ"), rs.getString("COLUMN_NAME"));
                }
            }
            if (key.isEmpty()) {
                continue; // every table that keeps secrets has a primary key (checked by the rotation test)
            }
            try (ResultSet rs = md.getColumns(connection.getCatalog(), schema, table, "%")) {
                while (rs.next()) {
                    if (TEXT_TYPES.contains(rs.getInt("DATA_TYPE"))) {
                        columns.add(new Column(table, rs.getString("COLUMN_NAME"), List.copyOf(key.values())));
                    }
                }
            }
        }
        return columns;
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    private record Column(String table, String name, List<String> primaryKey) {
    }

    private static final class Counts {
        private int values;
        private int unreadable;
        private final Map<String, Integer> columns = new LinkedHashMap<>();
    }
}
