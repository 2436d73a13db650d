package io.slipway.core.settings;

import io.slipway.core.InvalidInputException;
import io.slipway.core.projects.SqlTimes;
import io.slipway.plugin.api.config.FieldError;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The administrator's run-time settings ({@code server_settings}; a missing row is the default,
 * off). Read from the database on every question, so a change applies at once on every server
 * sharing it; a question is one primary-key lookup.
 *
 * <pre>{@code
 * if (!settings.allows("notifications.allowHttp")) { ... refuse http:// ... }
 * settings.update(Map.of("git.localPaths", true));
 * }</pre>
 */
public final class ServerSettings {
    /** Every known setting, in the order the page shows them. */
    public static final List<ServerSetting> KNOWN = List.of(ServerSetting.GIT_LOCAL_PATHS,
            ServerSetting.NOTIFICATIONS_ALLOW_HTTP);

    private final Jdbi jdbi;
    private final Clock clock;

    public ServerSettings(Jdbi jdbi, Clock clock) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Whether the policy is switched on; unknown policies never are. */
    public boolean allows(String policy) {
        Objects.requireNonNull(policy, "policy");
        if (find(policy).isEmpty()) {
            return false;
        }
        return jdbi.withHandle(h -> h.createQuery("SELECT setting_value FROM server_settings WHERE name = :n")
                .bind("n", policy).mapTo(String.class).findOne()).map("true"::equals).orElse(false);
    }

    /** Every known setting's value, by name. */
    public Map<String, Boolean> all() {
        Map<String, String> stored = new LinkedHashMap<>();
        jdbi.useHandle(h -> h.createQuery("SELECT name, setting_value FROM server_settings")
                .map((rs, ctx) -> Map.entry(rs.getString("name"), rs.getString("setting_value")))
                .forEach(e -> stored.put(e.getKey(), e.getValue())));
        Map<String, Boolean> values = new LinkedHashMap<>();
        KNOWN.forEach(s -> values.put(s.name(), "true".equals(stored.get(s.name()))));
        return values;
    }

    /**
     * Changes the given settings, all or none.
     *
     * @param changes setting name to {@code true}/{@code false}
     * @return every setting's value afterwards
     * @throws InvalidInputException naming unknown settings and values that are not booleans
     */
    public Map<String, Boolean> update(Map<String, ?> changes) {
        Objects.requireNonNull(changes, "changes");
        List<FieldError> errors = new ArrayList<>();
        Map<String, Boolean> valid = new LinkedHashMap<>();
        changes.forEach((name, value) -> {
            if (find(name).isEmpty()) {
                errors.add(new FieldError(name, "is not a setting; known: "
                        + String.join(", ", KNOWN.stream().map(ServerSetting::name).toList())));
            } else if (value instanceof Boolean b) {
                valid.put(name, b);
            } else {
                errors.add(new FieldError(name, "must be true or false"));
            }
        });
        if (changes.isEmpty()) {
            errors.add(new FieldError("body", "names no setting to change; send e.g. {\"git.localPaths\": true}"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        jdbi.useTransaction(h -> valid.forEach((name, on) -> put(h, name, on)));
        return all();
    }

    private void put(Handle h, String name, boolean on) {
        var now = SqlTimes.bind(SqlTimes.now(clock));
        int updated = h.createUpdate("UPDATE server_settings SET setting_value = :v, updated_at = :now WHERE name = :n")
                .bind("v", Boolean.toString(on)).bind("now", now).bind("n", name).execute();
        if (updated == 0) {
            h.createUpdate("INSERT INTO server_settings (name, setting_value, updated_at) VALUES (:n, :v, :now)")
                    .bind("n", name).bind("v", Boolean.toString(on)).bind("now", now).execute();
        }
    }

    public static Optional<ServerSetting> find(String name) {
        return KNOWN.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
