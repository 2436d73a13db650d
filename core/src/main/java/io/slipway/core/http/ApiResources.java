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
            // resources: more below
    );

    private ApiResources() {
    }
}
