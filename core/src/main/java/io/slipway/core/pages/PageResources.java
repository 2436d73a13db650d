package io.slipway.core.pages;

import io.slipway.core.deployments.DeploymentPages;
import io.slipway.core.deployments.StatusPage;
import io.slipway.core.notifications.AppNotificationPages;
import io.slipway.core.notifications.NotificationPages;

import java.util.Set;

/** Every page route (JAX-RS resources producing HTML). Listed, like the API's. */
public final class PageResources {
    public static final Set<Class<?>> CLASSES = Set.of(
            // more below: add `XxxResource.class,` lines right under this marker
            EnvironmentPages.class,
            io.slipway.core.webhooks.DeliveryPages.class,
            io.slipway.core.rules.RulePages.class,
            io.slipway.core.monitoring.MetricsResource.class,
            io.slipway.core.stacks.StackPages.class,
            io.slipway.core.uploads.UploadPages.class,
            io.slipway.core.security.LoginPage.class,
            io.slipway.core.security.LogoutPage.class,
            io.slipway.core.security.SetupPage.class,
            io.slipway.core.security.AccountPage.class,
            io.slipway.core.security.UsersPage.class,
            io.slipway.core.audit.AuditPages.class, io.slipway.core.settings.SettingsPages.class,
            DashboardPage.class,
            ProjectPages.class,
            AppPages.class,
            AppSettingsPage.class,
            EnvVarPages.class,
            PluginPages.class,
            DeploymentPages.class,
            StatusPage.class,
            NotificationPages.class,
            AppNotificationPages.class);

    private PageResources() {
    }
}
