package io.slipway.core.router;

import io.slipway.core.router.internal.RouteLoader;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The router's routes: an immutable {@link Routes} snapshot swapped through an AtomicReference.
 * Requests read it without touching the database; it is rebuilt at start-up, whenever traffic
 * switches or a domain changes, and every few seconds (changes made by another Slipway server
 * sharing the database, deleted apps).
 */
public final class AppRoutes implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AppRoutes.class);

    private final AtomicReference<Routes> current = new AtomicReference<>(Routes.empty());
    private final RouteLoader loader;
    private final RouteHosts hosts;
    private final Object refreshing = new Object();
    private final ScheduledExecutorService scheduler;
    private volatile boolean lastRefreshFailed;

    public AppRoutes(Jdbi jdbi, RouteHosts hosts) {
        this.hosts = Objects.requireNonNull(hosts, "hosts");
        this.loader = new RouteLoader(jdbi, hosts);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "slipway-routes");
            t.setDaemon(true);
            return t;
        });
    }

    /** Loads the routes now and re-reads them every {@code every}. */
    public AppRoutes start(Duration every) {
        refresh();
        scheduler.scheduleWithFixedDelay(this::refreshQuietly, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    public Routes current() {
        return current.get();
    }

    public RouteHosts hosts() {
        return hosts;
    }

    /**
     * Re-reads the routes and swaps them in. Serialised, so a slow older read never replaces a
     * newer snapshot.
     */
    public void refresh() {
        synchronized (refreshing) {
            current.set(loader.load());
        }
    }

    private void refreshQuietly() {
        try {
            refresh();
            if (lastRefreshFailed) {
                LOG.info("App routes are read from the database again");
                lastRefreshFailed = false;
            }
        } catch (RuntimeException e) {
            if (!lastRefreshFailed) {
                LOG.warn("Re-reading the app routes failed; the router keeps the routes it has: {}", e.getMessage());
                lastRefreshFailed = true;
            }
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
