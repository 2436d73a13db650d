package io.slipway.core.http;

import io.slipway.core.apps.AppsResource;
import io.slipway.core.apps.EnvVarsResource;
import io.slipway.core.apps.EnvironmentsResource;
import io.slipway.core.deployments.AppDeploymentsResource;
import io.slipway.core.deployments.AppTimeoutsResource;
import io.slipway.core.deployments.DeploymentsResource;
import io.slipway.core.deployments.PipelineStatusResource;
import io.slipway.core.health.HealthResource;
import io.slipway.core.http.openapi.OpenApiResource;
import io.slipway.core.notifications.AppNotificationTargetsResource;
import io.slipway.core.notifications.NotificationTargetsResource;
import io.slipway.core.plugins.ExtensionsResource;
import io.slipway.core.plugins.PluginsResource;
import io.slipway.core.projects.ProjectsResource;
import io.slipway.core.router.AppDomainsResource;
import java.util.Set;

/**
 * Every JAX-RS resource of the REST API. Listed rather than scanned: start-up stays fast, and the
 * security test walks exactly this list.
 */
public final class ApiResources {
    public static final Set<Class<?>> CLASSES = Set.of(
            // more below: add `XxxResource.class,` lines right under this marker
            io.slipway.core.apps.EnvironmentEnvResource.class,
            io.slipway.core.webhooks.DeliveryResource.class,
            io.slipway.core.rules.RulesResource.class, io.slipway.core.webhooks.WebhookSecretResource.class,
            io.slipway.core.monitoring.MonitoringResource.class,
            io.slipway.core.stacks.StacksResource.class,
            io.slipway.core.uploads.UploadsResource.class, io.slipway.core.plans.PlanResource.class,
            io.slipway.core.security.UsersResource.class,
            io.slipway.core.security.MyAccountResource.class,
            io.slipway.core.security.ProjectMembersResource.class,
            io.slipway.core.audit.AuditResource.class, io.slipway.core.settings.SettingsResource.class,
            HealthResource.class,
            OpenApiResource.class,
            ProjectsResource.class,
            AppsResource.class,
            EnvVarsResource.class,
            EnvironmentsResource.class,
            PluginsResource.class,
            ExtensionsResource.class,
            AppDeploymentsResource.class,
            AppTimeoutsResource.class,
            DeploymentsResource.class,
            PipelineStatusResource.class,
            NotificationTargetsResource.class,
            AppNotificationTargetsResource.class,
            AppDomainsResource.class);

    private ApiResources() {
    }
}
