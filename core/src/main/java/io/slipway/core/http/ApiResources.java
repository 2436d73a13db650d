package io.slipway.core.http;

import io.slipway.core.health.HealthResource;
import java.util.Set;

/**
 * Every JAX-RS resource of the REST API. Listed rather than scanned: start-up stays fast, and the
 * security test walks exactly this list.
 */
public final class ApiResources {
    public static final Set<Class<?>> CLASSES = Set.of(
            HealthResource.class
            , io.slipway.core.projects.ProjectsResource.class, io.slipway.core.apps.AppsResource.class
            , io.slipway.core.apps.EnvVarsResource.class, io.slipway.core.apps.EnvironmentsResource.class
            , io.slipway.core.http.openapi.OpenApiResource.class
            , io.slipway.core.plugins.PluginsResource.class, io.slipway.core.plugins.ExtensionsResource.class
            , io.slipway.core.deployments.AppDeploymentsResource.class, io.slipway.core.deployments.AppTimeoutsResource.class
            , io.slipway.core.deployments.DeploymentsResource.class, io.slipway.core.deployments.PipelineStatusResource.class
            , io.slipway.core.deployments.LogStreamingFeature.class
            // resources: more below
    );

    private ApiResources() {
    }
}
