package io.slipway.plugins.docker;

import java.util.Map;

/** Everything one release's container is made from. */
record ContainerSpec(String name, String image, Map<String, String> env, Map<String, String> labels,
                     String network, DeploySettings settings, String app) {
    ContainerSpec {
        env = Map.copyOf(env);
        labels = Map.copyOf(labels);
    }
}
