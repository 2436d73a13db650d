package io.slipway.core.router.internal;

import io.slipway.core.router.AppRoutes;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The router's own Jetty server on the router port (separate from the UI/API server, so neither's
 * load or restarts touch the other). Only loaded when Jetty's classes are ours to use.
 */
public final class ProxyServer implements AutoCloseable {
    private final Server server;
    private final ExecutorService pumps;

    private ProxyServer(Server server, ExecutorService pumps) {
        this.server = server;
        this.pumps = pumps;
    }

    /** Listens on {@code port} (0: a free one) on every interface. */
    public static ProxyServer start(int port, AppRoutes routes) throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool(256, 8);
        threads.setName("slipway-router");
        threads.setDaemon(true);
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        // The backend's Date header is passed on; a second one would be noise.
        http.setSendDateHeader(false);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setPort(port);
        connector.setIdleTimeout(60_000);
        server.addConnector(connector);
        AtomicInteger n = new AtomicInteger();
        ExecutorService pumps = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "slipway-router-tunnel-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setHandler(new RouterHandler(routes, threads, new WebSocketTunnel(pumps)));
        server.setStopTimeout(5_000);
        try {
            server.start();
        } catch (Exception e) {
            pumps.shutdownNow();
            server.stop();
            throw e;
        }
        return new ProxyServer(server, pumps);
    }

    public int port() {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    @Override
    public void close() throws Exception {
        try {
            server.stop();
        } finally {
            pumps.shutdownNow();
        }
    }
}
