package io.slipway.core.pages;

import java.util.Set;

/** Every page route (JAX-RS resources producing HTML). Listed, like the API's. */
public final class PageResources {
    public static final Set<Class<?>> CLASSES = Set.of(
            DashboardPage.class,
            ProjectPages.class,
            AppPages.class,
            AppSettingsPage.class,
            EnvVarPages.class,
            PluginPages.class
            , io.slipway.core.deployments.DeploymentPages.class, io.slipway.core.deployments.StatusPage.class
            // pages: more below
    );

    private PageResources() {
    }
}
