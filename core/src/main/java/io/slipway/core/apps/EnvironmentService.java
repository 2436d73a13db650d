package io.slipway.core.apps;

import io.slipway.core.ConflictException;
import io.slipway.core.InvalidInputException;
import io.slipway.core.NotFoundException;
import io.slipway.core.projects.DnsLabel;
import io.slipway.core.projects.SqlTimes;
import io.slipway.core.projects.UniqueViolation;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** An app's environments; every app has {@code production} from its creation. */
public final class EnvironmentService {
    private final Jdbi jdbi;
    private final Clock clock;

    public EnvironmentService(Jdbi jdbi, Clock clock) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** @throws NotFoundException when there is no such app */
    public List<Environment> list(String app) {
        return jdbi.withHandle(h -> list(h, AppStore.require(h, app).id()));
    }

    /**
     * @throws NotFoundException when there is no such app
     * @throws InvalidInputException naming {@code name} when it is not a DNS label
     * @throws ConflictException when the app has it already
     */
    public Environment create(String app, String name) {
        DnsLabel.check("name", name).ifPresent(e -> {
            throw new InvalidInputException(List.of(e));
        });
        Instant now = SqlTimes.now(clock);
        try {
            jdbi.useTransaction(h -> {
                long appId = AppStore.require(h, app).id();
                if (list(h, appId).stream().anyMatch(e -> e.name().equals(name))) {
                    throw duplicate(app, name);
                }
                insert(h, appId, name, now);
            });
        } catch (RuntimeException e) {
            if (UniqueViolation.isCauseOf(e)) {
                throw duplicate(app, name);
            }
            throw e;
        }
        return new Environment(name, now);
    }

    static void insert(Handle h, long appId, String name, Instant now) {
        h.createUpdate("INSERT INTO environments (app_id, name, created_at) VALUES (:app, :name, :at)")
                .bind("app", appId).bind("name", name).bind("at", SqlTimes.bind(now)).execute();
    }

    private static List<Environment> list(Handle h, long appId) {
        return h.createQuery("SELECT name, created_at FROM environments WHERE app_id = :app ORDER BY name")
                .bind("app", appId)
                .map((rs, ctx) -> new Environment(rs.getString("name"), SqlTimes.read(rs, "created_at")))
                .list();
    }

    private static ConflictException duplicate(String app, String name) {
        return new ConflictException("App '" + app + "' already has an environment named '" + name + "'.");
    }
}
