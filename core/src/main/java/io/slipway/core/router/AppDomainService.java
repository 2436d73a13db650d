package io.slipway.core.router;

import io.slipway.core.InvalidInputException;
import io.slipway.core.NotFoundException;
import io.slipway.core.projects.SqlTimes;
import io.slipway.core.projects.UniqueViolation;
import io.slipway.plugin.api.config.FieldError;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Custom domains per app ({@code app_domains}); every change refreshes the router's routes. */
public final class AppDomainService {
    private final Jdbi jdbi;
    private final AppRoutes routes;
    private final Clock clock;

    public AppDomainService(Jdbi jdbi, AppRoutes routes, Clock clock) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.routes = Objects.requireNonNull(routes, "routes");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** @throws NotFoundException when there is no such app */
    public List<AppDomain> list(String app) {
        return jdbi.withHandle(h -> {
            long appId = appId(h, app);
            return h.createQuery("SELECT domain, created_at FROM app_domains WHERE app_id = :app ORDER BY domain")
                    .bind("app", appId)
                    .map((rs, ctx) -> new AppDomain(rs.getString("domain"), app, SqlTimes.read(rs, "created_at"))).list();
        });
    }

    /** @throws NotFoundException when there is no such app, or the app has no such domain */
    public AppDomain find(String app, String domain) {
        return list(app).stream().filter(d -> d.domain().equals(domain)).findFirst()
                .orElseThrow(() -> new NotFoundException("Domain", domain + "' of app '" + app));
    }

    /** What {@link #add} did. */
    public record Added(AppDomain domain, boolean created) {
    }

    /**
     * Routes {@code domain} to {@code app}; idempotent.
     *
     * @throws InvalidInputException when the domain is not a valid host name or lies under the base domain
     * @throws NotFoundException when there is no such app
     * @throws DomainTakenException when another app has the domain
     */
    public Added add(String app, String domain) {
        check(domain);
        Instant now = SqlTimes.now(clock);
        Added added;
        try {
            added = jdbi.inTransaction(h -> {
                long appId = appId(h, app);
                Optional<Long> owner = h.createQuery("SELECT app_id FROM app_domains WHERE domain = :d")
                        .bind("d", domain).mapTo(Long.class).findOne();
                if (owner.isPresent()) {
                    if (owner.get() != appId) {
                        throw new DomainTakenException(domain);
                    }
                    return new Added(find(h, app, appId, domain), false);
                }
                h.createUpdate("INSERT INTO app_domains (app_id, domain, created_at) VALUES (:app, :d, :at)")
                        .bind("app", appId).bind("d", domain).bind("at", SqlTimes.bind(now)).execute();
                return new Added(new AppDomain(domain, app, now), true);
            });
        } catch (RuntimeException e) {
            if (UniqueViolation.isCauseOf(e)) {
                throw new DomainTakenException(domain);
            }
            throw e;
        }
        routes.refresh();
        return added;
    }

    /** @throws NotFoundException when there is no such app, or the app has no such domain */
    public void remove(String app, String domain) {
        int removed = jdbi.withHandle(h -> h.createUpdate("DELETE FROM app_domains WHERE app_id = :app AND domain = :d")
                .bind("app", appId(h, app)).bind("d", domain).execute());
        if (removed == 0) {
            throw new NotFoundException("Domain", domain + "' of app '" + app);
        }
        routes.refresh();
    }

    private void check(String domain) {
        Optional<FieldError> error = DomainName.check("domain", domain);
        if (error.isEmpty() && routes.hosts().isUnderBaseDomain(domain)) {
            error = Optional.of(new FieldError("domain", "lies under the base domain '" + routes.hosts().baseDomain()
                    + "', whose names belong to apps by name: use <app>." + routes.hosts().baseDomain()));
        }
        error.ifPresent(e -> {
            throw new InvalidInputException(List.of(e));
        });
    }

    private static AppDomain find(Handle h, String app, long appId, String domain) {
        return h.createQuery("SELECT created_at FROM app_domains WHERE app_id = :app AND domain = :d")
                .bind("app", appId).bind("d", domain)
                .map((rs, ctx) -> new AppDomain(domain, app, SqlTimes.read(rs, "created_at"))).one();
    }

    private static long appId(Handle h, String app) {
        return h.createQuery("SELECT id FROM apps WHERE name = :name").bind("name", app).mapTo(Long.class).findOne()
                .orElseThrow(() -> new NotFoundException("App", app));
    }
}
