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
 */
record StackRun(List<String> resources, Endpoint endpoint, Map<String, Endpoint> extra) {
    StackRun {
        resources = List.copyOf(resources);
        extra = Map.copyOf(extra);
    }
}
