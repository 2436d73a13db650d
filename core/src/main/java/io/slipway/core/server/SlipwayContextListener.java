package io.slipway.core.server;

import io.slipway.core.config.SlipwayConfig;
import io.slipway.core.config.SlipwayConfigLoader;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Set;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Starts Slipway in a servlet context: declared in the war's {@code web.xml} for outside
 * containers, and added by {@link EmbeddedServer} for {@code java -jar slipway.war}.
 */
public final class SlipwayContextListener implements ServletContextListener {
    /** Context attribute: a {@link Path} to the bundled plugins, set by the embedded launcher. */
    public static final String BUNDLED_PLUGINS = "io.slipway.bundledPlugins";
    /** Context attribute: a {@link SlipwayConfig} to use instead of the environment's (tests). */
    public static final String CONFIG = "io.slipway.config";
    private static final String BOOT = SlipwayBoot.class.getName();
    private static final Logger LOG = LoggerFactory.getLogger(SlipwayContextListener.class);

    @Override
    public void contextInitialized(ServletContextEvent event) {
        // Jersey and HK2 log through java.util.logging.
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
        ServletContext context = event.getServletContext();
        SlipwayConfig config = context.getAttribute(CONFIG) instanceof SlipwayConfig given
                ? given : SlipwayConfigLoader.fromEnvironment();
        io.slipway.core.logging.LogSetup.apply(config.logFormat());
        Optional<Path> bundled = bundledPlugins(context, config);
        SlipwayBoot boot = SlipwayBoot.start(new Startup(config, bundled, SlipwayVersion.current()));
        context.setAttribute(BOOT, boot);
        SlipwayWebApp.install(context, boot, config);
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        Object boot = event.getServletContext().getAttribute(BOOT);
        if (boot instanceof SlipwayBoot b) {
            b.close();
        }
        deregisterOwnJdbcDrivers();
        LOG.info("Slipway stopped");
    }

    /** Drivers this web app registered would otherwise pin its class loader after undeploy. */
    private void deregisterOwnJdbcDrivers() {
        ClassLoader own = getClass().getClassLoader();
        for (Driver d : java.util.Collections.list(DriverManager.getDrivers())) {
            if (d.getClass().getClassLoader() == own) {
                try {
                    DriverManager.deregisterDriver(d);
                } catch (SQLException e) {
                    LOG.warn("Could not deregister JDBC driver {}", d.getClass().getName(), e);
                }
            }
        }
    }

    /** The boot of a context this listener started, for the embedded server to wait on. */
    public static Optional<SlipwayBoot> bootOf(ServletContext context) {
        return Optional.ofNullable(context.getAttribute(BOOT)).map(SlipwayBoot.class::cast);
    }

    private static Optional<Path> bundledPlugins(ServletContext context, SlipwayConfig config) {
        Object given = context.getAttribute(BUNDLED_PLUGINS);
        if (given instanceof Path p) {
            return Optional.of(p);
        }
        Set<String> jars = context.getResourcePaths("/WEB-INF/plugins/");
        if (jars == null || jars.isEmpty()) {
            return Optional.empty();
        }
        // An outside container may not unpack the war: copy the JARs where PF4J can open them.
        Path dir = config.home().resolve("bundled-plugins");
        try {
            Files.createDirectories(dir);
            for (String jar : jars) {
                if (!jar.endsWith(".jar")) {
                    continue;
                }
                try (InputStream in = context.getResourceAsStream(jar)) {
                    Files.copy(in, dir.resolve(jar.substring(jar.lastIndexOf('/') + 1)), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy the bundled plugins to " + dir + ": check SLIPWAY_HOME's permissions", e);
        }
        return Optional.of(dir);
    }
}
