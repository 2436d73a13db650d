package io.slipway.plugins.compose;

import io.slipway.plugins.docker.EngineAccess;
import java.util.HashMap;
import java.util.Map;

/**
 * The labels on everything a stack creates: the app and environment (the docker plugin's keys, so
 * the core's reconciler and the docker tooling see them), the stack, the service and the service's
 * config hash (what lets a redeploy keep unchanged containers).
 */
final class ContainerLabels {
    static final String STACK = "slipway.compose.stack";
    static final String SERVICE = "slipway.compose.service";
    static final String HASH = "slipway.compose.hash";

    private ContainerLabels() {
    }

    /** The labels every resource of the stack carries. */
    static Map<String, String> stack(String app, String environment, String stack) {
        Map<String, String> labels = new HashMap<>();
        labels.put(EngineAccess.APP_LABEL, app);
        labels.put(EngineAccess.ENVIRONMENT_LABEL, environment);
        labels.put(STACK, stack);
        return labels;
    }

    static Map<String, String> service(Map<String, String> stack, ServiceSpec spec, String hash, String deploymentId) {
        Map<String, String> labels = new HashMap<>(spec.labels());
        labels.putAll(stack);
        labels.put(SERVICE, spec.name());
        labels.put(HASH, hash);
        labels.put(EngineAccess.DEPLOYMENT_LABEL, deploymentId);
        return labels;
    }
}
