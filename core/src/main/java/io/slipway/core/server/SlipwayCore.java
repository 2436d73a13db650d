package io.slipway.core.server;

import io.slipway.core.config.SlipwayConfig;
import io.slipway.core.persistence.Database;
import io.slipway.core.plugins.ExtensionRegistry;
import io.slipway.core.secrets.SecretCipher;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds every core service once, in dependency order, and closes them in
 * reverse. HTTP resources receive these services by constructor injection (see
 * {@link CoreServicesBinder}); nothing else looks them up.
 */
public final class SlipwayCore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SlipwayCore.class);

    /** The types resources may inject. Add a service here and in the constructor. */
    public static final List<Class<?>> SERVICE_TYPES = List.of(
            Startup.class, SlipwayConfig.class, Database.class, Jdbi.class, ExtensionRegistry.class,
            SecretCipher.class
            , io.slipway.core.pages.PageRenderer.class
            , io.slipway.core.projects.ProjectService.class, io.slipway.core.apps.AppService.class
            , io.slipway.core.apps.EnvVarService.class, io.slipway.core.apps.EnvironmentService.class
            , io.slipway.core.http.openapi.OpenApiDocument.class
            , io.slipway.core.plugins.PluginService.class, io.slipway.core.plugins.ExtensionInvoker.class
            , io.slipway.core.pipeline.Pipeline.class
            // services: more below
    );

    private final Map<Class<?>, Object> services = new HashMap<>();
    private final Deque<AutoCloseable> closeables = new ArrayDeque<>();

    private SlipwayCore() {
    }

    /** Builds and starts everything; on failure closes what was started and rethrows. */
    public static SlipwayCore start(Startup startup) {
        Objects.requireNonNull(startup, "startup");
        SlipwayCore core = new SlipwayCore();
        try {
            core.wire(startup);
            return core;
        } catch (RuntimeException | Error e) {
            core.close();
            throw e;
        }
    }

    private void wire(Startup startup) {
        SlipwayConfig config = startup.config();
        add(Startup.class, startup);
        add(SlipwayConfig.class, config);
        Database database = closing(Database.open(config));
        add(Database.class, database);
        add(Jdbi.class, database.jdbi());
        ExtensionRegistry registry = new ExtensionRegistry();
        add(ExtensionRegistry.class, registry);
        add(SecretCipher.class, SecretCipher.fromKeyFile(config.home().resolve("secret.key")));
        add(io.slipway.core.pages.PageRenderer.class, new io.slipway.core.pages.PageRenderer(startup.version()));
        add(io.slipway.core.projects.ProjectService.class, new io.slipway.core.projects.ProjectService(database.jdbi(), java.time.Clock.systemUTC()));
        add(io.slipway.core.apps.AppService.class, new io.slipway.core.apps.AppService(database.jdbi(), registry, service(SecretCipher.class), java.time.Clock.systemUTC(), io.slipway.core.apps.AppDeletionHook.NONE));
        add(io.slipway.core.apps.EnvVarService.class, new io.slipway.core.apps.EnvVarService(database.jdbi(), service(SecretCipher.class)));
        add(io.slipway.core.apps.EnvironmentService.class, new io.slipway.core.apps.EnvironmentService(database.jdbi(), java.time.Clock.systemUTC()));
        registry.put(ExtensionRegistry.CORE, io.slipway.core.health.builtin.BuiltinHealthCheckers.extensions());
        add(io.slipway.core.http.openapi.OpenApiDocument.class, new io.slipway.core.http.openapi.OpenApiDocument(io.slipway.core.http.ApiResources.CLASSES, startup.version()));
        io.slipway.core.plugins.PluginService pluginService = closing(io.slipway.core.plugins.PluginService.start(startup, database.jdbi(), registry, service(SecretCipher.class)));
        add(io.slipway.core.plugins.PluginService.class, pluginService);
        add(io.slipway.core.plugins.ExtensionInvoker.class, pluginService.invoker());
        // The pipeline starts last: resuming deployments needs the plugins' extensions loaded.
        add(io.slipway.core.pipeline.Pipeline.class, closing(new io.slipway.core.pipeline.Pipeline(config, database.jdbi(), new io.slipway.core.pipeline.AppServicePipelineApps(service(io.slipway.core.apps.AppService.class), service(io.slipway.core.apps.EnvVarService.class), database.jdbi()), registry, service(io.slipway.core.plugins.ExtensionInvoker.class), service(SecretCipher.class), io.slipway.core.pipeline.PipelineSettings.fromSystemProperties(), java.time.Clock.systemUTC())).start());
        // wiring: more below
    }

    private <T> void add(Class<T> type, T instance) {
        services.put(type, Objects.requireNonNull(instance, type.getName()));
    }

    private <T extends AutoCloseable> T closing(T resource) {
        closeables.push(resource);
        return resource;
    }

    /** A service by type; every type in {@link #SERVICE_TYPES} is present once started. */
    public <T> T service(Class<T> type) {
        Object s = services.get(type);
        if (s == null) {
            throw new IllegalStateException("No core service of type " + type.getName() + " is wired");
        }
        return type.cast(s);
    }

    @Override
    public void close() {
        while (!closeables.isEmpty()) {
            AutoCloseable c = closeables.pop();
            try {
                c.close();
            } catch (Exception e) {
                LOG.warn("Closing {} failed", c, e);
            }
        }
    }
}
