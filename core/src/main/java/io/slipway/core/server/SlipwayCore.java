package io.slipway.core.server;

import io.slipway.core.apps.AppDeletionHook;
import io.slipway.core.apps.AppService;
import io.slipway.core.apps.AppView;
import io.slipway.core.apps.EnvVarService;
import io.slipway.core.apps.EnvironmentService;
import io.slipway.core.apps.ExtensionChoices;
import io.slipway.core.config.SlipwayConfig;
import io.slipway.core.health.builtin.BuiltinHealthCheckers;
import io.slipway.core.http.ApiResources;
import io.slipway.core.http.openapi.OpenApiDocument;
import io.slipway.core.notifications.NotificationDispatcher;
import io.slipway.core.notifications.NotificationSettings;
import io.slipway.core.notifications.NotificationTargetService;
import io.slipway.core.notifications.builtin.BuiltinNotifiers;
import io.slipway.core.notifications.internal.DeliveryLog;
import io.slipway.core.notifications.internal.TargetStore;
import io.slipway.core.pages.PageRenderer;
import io.slipway.core.persistence.Database;
import io.slipway.core.monitor.MonitorSettings;
import io.slipway.core.monitor.ReleaseHealthMonitor;
import io.slipway.core.pipeline.AppServicePipelineApps;
import io.slipway.core.pipeline.Pipeline;
import io.slipway.core.pipeline.PipelineApps;
import io.slipway.core.pipeline.PipelineSettings;
import io.slipway.core.plugins.ExtensionInvoker;
import io.slipway.core.plugins.ExtensionRegistry;
import io.slipway.core.plugins.PluginService;
import io.slipway.core.projects.ProjectService;
import io.slipway.core.router.AppDomainService;
import io.slipway.core.router.AppRouter;
import io.slipway.core.router.AppRoutes;
import io.slipway.core.router.RouteHosts;
import io.slipway.core.secrets.SecretCipher;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.stream.Stream;
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

    /** The types resources may inject. Add a service here and in {@link #wire}. */
    public static final List<Class<?>> SERVICE_TYPES = List.of(
            // more below: add `XxxService.class,` lines right under this marker
            io.slipway.core.webhooks.DeliveryService.class,
            io.slipway.core.rules.RuleService.class, io.slipway.core.webhooks.WebhookSecretService.class, io.slipway.core.previews.PreviewService.class, io.slipway.core.webhooks.WebhookIntake.class, io.slipway.core.previews.PreviewSweeper.class,
            io.slipway.core.cluster.Cluster.class, io.slipway.core.monitoring.Monitoring.class, io.micrometer.core.instrument.MeterRegistry.class,
            io.slipway.core.stacks.StackService.class,
            io.slipway.core.uploads.UploadService.class, io.slipway.core.plans.BuildPlanService.class, io.slipway.core.uploads.UploadPanels.class,
            io.slipway.core.audit.AuditLog.class, io.slipway.core.settings.ServerSettings.class,
            io.slipway.core.security.UserService.class, io.slipway.core.security.Authenticator.class, io.slipway.core.security.AccessPolicy.class, io.slipway.core.security.FirstRun.class,
            Startup.class, SlipwayConfig.class, Database.class, Jdbi.class, ExtensionRegistry.class,
            SecretCipher.class, PageRenderer.class, ProjectService.class, AppService.class,
            EnvVarService.class, EnvironmentService.class, OpenApiDocument.class, PluginService.class,
            ExtensionInvoker.class, Pipeline.class, NotificationTargetService.class, AppRoutes.class, AppDomainService.class, AppRouter.class);

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
        Clock clock = Clock.systemUTC();
        add(Startup.class, startup);
        add(SlipwayConfig.class, config);
        Database database = closing(Database.open(config));
        Jdbi jdbi = database.jdbi();
        add(Database.class, database);
        add(Jdbi.class, jdbi);
        add(io.slipway.core.cluster.Cluster.class, closing(io.slipway.core.cluster.ClusterServices.start(config, database, clock)));
        io.slipway.core.monitoring.SlipwayMeters meters = closing(new io.slipway.core.monitoring.SlipwayMeters());
        add(io.micrometer.core.instrument.MeterRegistry.class, meters.registry());
        io.slipway.core.settings.ServerSettings serverSettings = new io.slipway.core.settings.ServerSettings(jdbi, clock);
        add(io.slipway.core.settings.ServerSettings.class, serverSettings);
        add(io.slipway.core.audit.AuditLog.class, new io.slipway.core.audit.AuditLog(jdbi, clock));
        ExtensionRegistry registry = new ExtensionRegistry();
        add(ExtensionRegistry.class, registry);
        SecretCipher cipher = SecretCipher.fromConfig(config);
        add(SecretCipher.class, cipher);
        add(PageRenderer.class, new PageRenderer(startup.version()));
        add(ProjectService.class, new ProjectService(jdbi, clock));
        services.putAll(io.slipway.core.security.SecurityServices.start(config, jdbi, clock));
        // The pipeline and the router are built after the apps (they read them); deleting an app
        // asks the pipeline to retire its releases first and the router to forget it after. No
        // request reaches AppService before the core is wired.
        AtomicReference<Pipeline> pipelineRef = new AtomicReference<>();
        AtomicReference<AppRoutes> routesRef = new AtomicReference<>();
        AppDeletionHook onDelete = new AppDeletionHook() {
            @Override
            public void beforeDelete(AppView app) {
                pipelineRef.get().appDeleted(app.name());
                ((io.slipway.core.uploads.UploadService) services.get(io.slipway.core.uploads.UploadService.class)).forgetApp(app.name());
            }

            @Override
            public void afterDelete(AppView app) {
                routesRef.get().refresh();
            }
        };
        // Moved on by every write to apps, secrets and rules; the webhook intake's cache of them reads it.
        io.slipway.core.apps.AppChanges appChanges = new io.slipway.core.apps.AppChanges();
        AppService apps = new AppService(jdbi, registry, cipher, clock, onDelete, appChanges);
        add(AppService.class, apps);
        EnvVarService envVars = new EnvVarService(jdbi, cipher);
        add(EnvVarService.class, envVars);
        add(EnvironmentService.class, new EnvironmentService(jdbi, clock));
        // Built-ins first, so the plugin manager's id-clash check sees them.
        NotificationSettings notificationSettings = NotificationSettings.fromSystemProperties();
        registry.put(ExtensionRegistry.CORE, Stream.concat(BuiltinHealthCheckers.extensions().stream(),
                BuiltinNotifiers.extensions(serverSettings::allows).stream()).toList());
        add(OpenApiDocument.class, new OpenApiDocument(ApiResources.CLASSES, startup.version()));
        PluginService plugins = closing(PluginService.start(startup, jdbi, registry, cipher));
        add(PluginService.class, plugins);
        add(ExtensionInvoker.class, plugins.invoker());
        ExtensionChoices choices = new ExtensionChoices(registry, cipher);
        TargetStore targets = new TargetStore(jdbi);
        DeliveryLog deliveries = new DeliveryLog(jdbi, clock);
        NotificationDispatcher dispatcher = closing(new NotificationDispatcher(targets, deliveries, registry, choices,
                plugins.invoker(), notificationSettings, clock, config.publicUrl()));
        add(NotificationTargetService.class, new NotificationTargetService(targets, deliveries, choices, dispatcher,
                notificationSettings, clock));
        PipelineApps pipelineApps = new AppServicePipelineApps(apps, envVars, jdbi);
        // Last: resuming interrupted deployments needs the plugins' extensions loaded.
        Pipeline pipeline = closing(new Pipeline(config, jdbi, pipelineApps, registry,
                plugins.invoker(), dispatcher, PipelineSettings.fromSystemProperties(), clock));
        pipelineRef.set(pipeline);
        pipeline.leadership(service(io.slipway.core.cluster.Cluster.class)::isLeader);
        // The app router: routes read now, again whenever traffic switches, and every 5 s.
        AppRoutes routes = closing(new AppRoutes(jdbi, new RouteHosts(config.baseDomain())).start(Duration.ofSeconds(5)));
        pipeline.traffic().onChange(routes::refresh);
        routesRef.set(routes);
        add(AppRoutes.class, routes);
        add(AppDomainService.class, new AppDomainService(jdbi, routes, clock));
        add(AppRouter.class, closing(AppRouter.start(config.routerPort(), config.baseDomain(), routes)));
        add(Pipeline.class, pipeline.start());
        services.putAll(io.slipway.core.uploads.UploadServices.start(config, jdbi, pipelineApps, pipeline, plugins.invoker(), clock));
        services.putAll(io.slipway.core.stacks.StackServices.start(jdbi, apps, pipeline, plugins.invoker(), clock));
        services.putAll(io.slipway.core.webhooks.WebhookServices.start(config, jdbi, pipeline, pipelineApps, dispatcher, registry, plugins.invoker(), cipher, appChanges, clock, c -> closing(c)));
        add(io.slipway.core.monitoring.Monitoring.class, closing(io.slipway.core.monitoring.MonitoringServices.start(jdbi, meters, pipeline, plugins, registry, service(io.slipway.core.cluster.Cluster.class), clock)).monitoring());
        // Probes live releases and announces "health degraded"; closes before the pipeline.
        closing(new ReleaseHealthMonitor(jdbi, pipeline.traffic(), pipeline.deployments(), pipelineApps,
                plugins.invoker(), dispatcher, MonitorSettings.fromSystemProperties(), clock, config.workspacesDir(),
                config.publicUrl(), service(io.slipway.core.cluster.Cluster.class)::isLeader).start());
        add(io.slipway.core.previews.PreviewReconciler.class, closing(new io.slipway.core.previews.PreviewReconciler(new io.slipway.core.rules.SourceApps(jdbi), service(io.slipway.core.previews.PreviewService.class), service(io.slipway.core.cluster.Cluster.class)::isLeader).start(Duration.ofMinutes(config.previewReconcileMinutes()))));
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
