package io.slipway.core.server;

import io.slipway.core.config.SlipwayConfig;
import io.slipway.core.config.SlipwayConfigLoader;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar slipway.war}: Slipway in an embedded Jetty 12, like Jenkins' executable war.
 * Shuts down gracefully on SIGTERM: stops accepting, lets requests in flight finish (up to 10 s),
 * then closes the core.
 */
public final class EmbeddedServer {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedServer.class);

    private final Server server;
    /** Kept here: a core that fails to start stops the server, which drops the context's attributes. */
    private final Optional<SlipwayBoot> boot;

    private EmbeddedServer(Server server, Optional<SlipwayBoot> boot) {
        this.server = server;
        this.boot = boot;
    }

    public static void main(String[] args) throws Exception {
        Optional<Path> bundled = Optional.ofNullable(System.getProperty("slipway.bundled.plugins")).map(Path::of);
        EmbeddedServer s = start(SlipwayConfigLoader.fromEnvironment(), bundled);
        s.server.join();
    }

    /** Starts on the configured port (0 picks a free one); returns once Jetty listens. */
    public static EmbeddedServer start(SlipwayConfig config, Optional<Path> bundledPlugins) throws Exception {
        io.slipway.core.logging.LogSetup.apply(config.logFormat()); // before Jetty's first line
        int port = config.port();
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setPort(port);
        server.addConnector(connector);
        ErrorHandler errors = new ErrorHandler();
        errors.setShowStacks(false);
        errors.setShowMessageInTitle(false);
        server.setErrorHandler(errors);

        ServletContextHandler context = new ServletContextHandler("/");
        context.setAttribute(SlipwayContextListener.CONFIG, config);
        bundledPlugins.ifPresent(p -> context.setAttribute(SlipwayContextListener.BUNDLED_PLUGINS, p));
        context.addEventListener(new SlipwayContextListener());
        server.setHandler(new GracefulHandler(context));
        server.setStopTimeout(10_000);
        server.setStopAtShutdown(true);
        server.start();
        Optional<SlipwayBoot> booting = SlipwayContextListener.bootOf(context.getServletContext());
        EmbeddedServer embedded = new EmbeddedServer(server, booting);
        LOG.info("Slipway listening on http://localhost:{}", embedded.port());
        booting.ifPresent(boot ->
                boot.whenDone().exceptionally(e -> {
                    LOG.error("Stopping: the core could not start ({}).", e.getMessage());
                    embedded.stopQuietly();
                    return null;
                }));
        return embedded;
    }

    /** The core, once started (waits for it). */
    public SlipwayCore core() {
        return boot.orElseThrow(() -> new IllegalStateException("Slipway's web context did not start: the server log "
                + "says why")).await();
    }

    public int port() {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    public void stop() throws Exception {
        server.stop();
    }

    private void stopQuietly() {
        Thread t = new Thread(() -> {
            try {
                server.stop();
            } catch (Exception e) {
                LOG.warn("Stopping Jetty failed", e);
            }
        }, "slipway-stop");
        t.start();
    }
}
