package io.slipway.plugins.compose;

import io.slipway.plugin.api.deploy.Endpoint;
import java.util.List;
import java.util.Map;

/**
 * What bringing a stack up produced.
 *
 * @param resources the engine objects the release uses, as {@code container:<id>} or {@code service:<id>}
 * @param endpoint the first exposed service:port's address on the loopback interface
 * @param extra the address of each further exposed service:port, by service
 * @param replicas every replica's address of an exposed service that runs several containers, by
 *                 service, its first the {@code endpoint} or {@code extra} one (the router takes
 *                 them in turn); none on Swarm, whose routing mesh balances itself
 */
record StackRun(List<String> resources, Endpoint endpoint, Map<String, Endpoint> extra,
                Map<String, List<Endpoint>> replicas) {
    StackRun {
        resources = List.copyOf(resources);
        extra = Map.copyOf(extra);
        replicas = Map.copyOf(replicas);
    }

    StackRun(List<String> resources, Endpoint endpoint, Map<String, Endpoint> extra) {
        this(resources, endpoint, extra, Map.of());
    }

    /** {@code host:port,...} of the replicas of {@code service}: for the router's labels. */
    String replicasOf(String service, Endpoint first) {
        return String.join(",", replicas.getOrDefault(service, List.of(first)).stream()
                .map(e -> e.host() + ":" + e.port()).toList());
    }
}
