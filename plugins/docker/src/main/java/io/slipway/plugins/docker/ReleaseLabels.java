package io.slipway.plugins.docker;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The labels the deployer relies on to find its containers again. The keys are the ones the
 * core's pipeline puts in every request; the deployer sets them itself too, so a container is
 * findable whatever the request carried.
 */
final class ReleaseLabels {
    static final String APP = "slipway.app";
    static final String ENVIRONMENT = "slipway.environment";
    static final String DEPLOYMENT = "slipway.deployment";
    /** Where the project name may arrive; the SDK's DeployRequest has no project field yet. */
    private static final List<String> PROJECT = List.of("slipway.project", "io.slipway.project");

    private ReleaseLabels() {
    }

    static Map<String, String> forRelease(Map<String, String> requested, String app, String environment,
                                          String deploymentId) {
        Map<String, String> labels = new HashMap<>(requested);
        labels.put(APP, app);
        labels.put(ENVIRONMENT, environment);
        labels.put(DEPLOYMENT, deploymentId);
        return labels;
    }

    static Optional<String> project(Map<String, String> labels) {
        return PROJECT.stream().map(labels::get).filter(p -> p != null && !p.isBlank()).findFirst();
    }

    /** A name the engine accepts ({@code [a-zA-Z0-9][a-zA-Z0-9_.-]*}) made from parts of any text. */
    static String engineName(String... parts) {
        String joined = String.join("-", parts).replaceAll("[^a-zA-Z0-9_.-]", "-");
        return joined.matches("^[a-zA-Z0-9].*") ? joined : "x" + joined;
    }
}
