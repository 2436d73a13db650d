package io.slipway.core.router;

import io.slipway.core.router.internal.ProxyServer;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app router: a reverse proxy on the router port sending each request, by Host, to the active
 * release of an app (see {@link AppRoutes}). It runs on Jetty's own classes, which are ours only
 * when Slipway runs embedded ({@code java -jar slipway.war}); in an outside servlet container they
 * are hidden or absent, and the router stays off with one log line.
 */
public final class AppRouter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AppRouter.class);
    private static final String PROXY_CLASS = "org.eclipse.jetty.proxy.ProxyHandler";

    private final Optional<ProxyServer> proxy;

    private AppRouter(Optional<ProxyServer> proxy) {
        this.proxy = proxy;
    }

    /**
     * Starts the router on {@code port} (0: a free one). Never fails Slipway's start: when it
     * cannot run, it says why in the log and stays off.
     */
    public static AppRouter start(int port, String baseDomain, AppRoutes routes) {
        Objects.requireNonNull(routes, "routes");
        if (!jettyIsOurs()) {
            LOG.info("App router is off: Jetty's proxy classes are not Slipway's to use here (Slipway runs in an outside "
                    + "servlet container, or the war lacks jetty-proxy in WEB-INF/lib-embedded). Run `java -jar "
                    + "slipway.war` for the router, or route <app>.{} to the releases with your own proxy.", baseDomain);
            return new AppRouter(Optional.empty());
        }
        try {
            ProxyServer server = ProxyServer.start(port, routes);
            LOG.info("App router listening on port {}: apps answer at http://<app>.{}:{}/", server.port(), baseDomain,
                    server.port());
            return new AppRouter(Optional.of(server));
        } catch (Exception e) {
            LOG.error("App router is off: it cannot listen on port {} ({}). Set SLIPWAY_ROUTER_PORT to a free port and "
                    + "restart Slipway.", port, e.getMessage());
            return new AppRouter(Optional.empty());
        }
    }

    private static boolean jettyIsOurs() {
        try {
            Class.forName(PROXY_CLASS, false, AppRouter.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** The port the router listens on; empty when it is off. */
    public OptionalInt port() {
        return proxy.map(p -> OptionalInt.of(p.port())).orElse(OptionalInt.empty());
    }

    @Override
    public void close() {
        proxy.ifPresent(p -> {
            try {
                p.close();
            } catch (Exception e) {
                LOG.warn("Stopping the app router failed: {}", e.getMessage());
            }
        });
    }
}
