package io.slipway.core.notifications.internal;

import io.slipway.core.apps.StoredChoice;
import io.slipway.core.apps.StoredConfig;
import io.slipway.core.notifications.NotificationEvent;
import io.slipway.core.notifications.NotificationTarget;
import io.slipway.core.projects.SqlTimes;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** The {@code notification_targets} table. */
public final class TargetStore {
    private static final String SELECT = "SELECT t.*, a.name AS app_name FROM notification_targets t "
            + "LEFT JOIN apps a ON a.id = t.app_id ";

    /**
     * How long {@link #forApp} answers from memory: every deployment's every phase asks it, while
     * targets change by hand. Changes made through this store apply at once; another server's
     * after at most this long.
     */
    static final java.time.Duration FOR_APP_CACHE = java.time.Duration.ofSeconds(5);

    private final Jdbi jdbi;
    private final java.util.Map<Long, Cached> forApp = new java.util.concurrent.ConcurrentHashMap<>();

    /** Counts this store's writes, after each commits: a cached answer read before one is stale. */
    private final java.util.concurrent.atomic.AtomicLong writes = new java.util.concurrent.atomic.AtomicLong();

    private record Cached(List<NotificationTarget> targets, long readAtNanos, long afterWrites) {
    }

    public TargetStore(Jdbi jdbi) {
        this.jdbi = java.util.Objects.requireNonNull(jdbi, "jdbi");
    }

    public Optional<NotificationTarget> find(long id) {
        return jdbi.withHandle(h -> h.createQuery(SELECT + "WHERE t.id = :id").bind("id", id).map(TargetStore::row)
                .findOne());
    }

    /** The global targets ({@code appId} empty) or one app's, by id. */
    public List<NotificationTarget> list(Optional<Long> appId) {
        return jdbi.withHandle(h -> (appId.isPresent()
                ? h.createQuery(SELECT + "WHERE t.app_id = :app ORDER BY t.id").bind("app", appId.get())
                : h.createQuery(SELECT + "WHERE t.app_id IS NULL ORDER BY t.id")).map(TargetStore::row).list());
    }

    /** The targets an app's events go to: the global ones and its own. */
    public List<NotificationTarget> forApp(long appId) {
        Cached c = forApp.get(appId);
        long now = System.nanoTime();
        long written = writes.get();
        if (c != null && c.afterWrites() == written && now - c.readAtNanos() < FOR_APP_CACHE.toNanos()) {
            return c.targets();
        }
        List<NotificationTarget> read = List.copyOf(jdbi.withHandle(h -> h.createQuery(SELECT + "WHERE t.app_id IS NULL "
                + "OR t.app_id = :app ORDER BY t.id").bind("app", appId).map(TargetStore::row).list()));
        forApp.put(appId, new Cached(read, now, written));
        return read;
    }

    public boolean nameTaken(Optional<Long> appId, String name, long exceptId) {
        return jdbi.withHandle(h -> (appId.isPresent()
                ? h.createQuery("SELECT COUNT(*) FROM notification_targets WHERE app_id = :app AND name = :n AND id <> :x")
                        .bind("app", appId.get())
                : h.createQuery("SELECT COUNT(*) FROM notification_targets WHERE app_id IS NULL AND name = :n AND id <> :x"))
                .bind("n", name).bind("x", exceptId).mapTo(Integer.class).one() > 0);
    }

    public long insert(Optional<Long> appId, String name, StoredChoice notifier, Set<NotificationEvent> events,
                       Instant now) {
        return wrote(jdbi.withHandle(h -> h.createUpdate("INSERT INTO notification_targets (app_id, name, extension_id, "
                        + "config_json, config_version, events, created_at, updated_at) VALUES (:app, :n, :x, :c, :v, "
                        + ":e, :now, :now)")
                .bind("app", appId.orElse(null)).bind("n", name).bind("x", notifier.type())
                .bind("c", notifier.config().toJson()).bind("v", StoredConfig.VERSION).bind("e", join(events))
                .bind("now", SqlTimes.bind(now)).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one()));
    }

    public void update(long id, String name, StoredChoice notifier, Set<NotificationEvent> events, Instant now) {
        wrote(jdbi.withHandle(h -> h.createUpdate("UPDATE notification_targets SET name = :n, extension_id = :x, config_json "
                        + "= :c, config_version = :v, events = :e, updated_at = :now WHERE id = :id")
                .bind("n", name).bind("x", notifier.type()).bind("c", notifier.config().toJson())
                .bind("v", StoredConfig.VERSION).bind("e", join(events)).bind("now", SqlTimes.bind(now)).bind("id", id)
                .execute()));
    }

    public boolean delete(long id) {
        return wrote(jdbi.withHandle(h -> h.createUpdate("DELETE FROM notification_targets WHERE id = :id").bind("id", id)
                .execute())) > 0;
    }

    private <T> T wrote(T result) {
        writes.incrementAndGet();
        return result;
    }

    public Optional<Long> appId(String app) {
        return jdbi.withHandle(h -> appId(h, app));
    }

    private static Optional<Long> appId(Handle h, String app) {
        return h.createQuery("SELECT id FROM apps WHERE name = :n").bind("n", app).mapTo(Long.class).findOne();
    }

    private static String join(Set<NotificationEvent> events) {
        return events.stream().sorted().map(NotificationEvent::id).collect(Collectors.joining(","));
    }

    private static NotificationTarget row(ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx)
            throws SQLException {
        long app = rs.getLong("app_id");
        Optional<Long> appId = rs.wasNull() ? Optional.empty() : Optional.of(app);
        Set<NotificationEvent> events = EnumSet.noneOf(NotificationEvent.class);
        Arrays.stream(rs.getString("events").split(",")).map(NotificationEvent::fromId)
                .flatMap(Optional::stream).forEach(events::add);
        StoredChoice notifier = new StoredChoice(rs.getString("extension_id"),
                StoredConfig.fromJson(rs.getString("config_json"), rs.getInt("config_version")));
        return new NotificationTarget(rs.getLong("id"), appId, Optional.ofNullable(rs.getString("app_name")),
                rs.getString("name"), notifier, events, SqlTimes.read(rs, "created_at"), SqlTimes.read(rs, "updated_at"));
    }
}
