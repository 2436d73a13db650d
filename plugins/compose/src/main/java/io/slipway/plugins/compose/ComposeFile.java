package io.slipway.plugins.compose;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed, interpolated and checked compose file.
 *
 * @param services by name, in file order
 * @param networks top-level networks by name (always holds {@code default})
 * @param volumes top-level named volumes by name
 * @param warnings what was ignored (unknown keys, unsupported options), for the deployment log
 */
record ComposeFile(Map<String, ServiceSpec> services, Map<String, ResourceSpec> networks,
                   Map<String, ResourceSpec> volumes, List<String> warnings) {
    ComposeFile {
        services = Collections.unmodifiableMap(new LinkedHashMap<>(services));
        networks = Collections.unmodifiableMap(new LinkedHashMap<>(networks));
        volumes = Collections.unmodifiableMap(new LinkedHashMap<>(volumes));
        warnings = List.copyOf(warnings);
    }

    Optional<ServiceSpec> service(String name) {
        return Optional.ofNullable(services.get(name));
    }

    /** Names of services that have a {@code build} section. */
    List<String> built() {
        List<String> names = new ArrayList<>();
        services.values().stream().filter(s -> s.build().isPresent()).forEach(s -> names.add(s.name()));
        return names;
    }

    /**
     * A top-level network or volume.
     *
     * @param external made outside the stack: used, never created or removed
     * @param name the engine-side name when given ({@code name:}), else derived from the stack
     * @param driver the network driver when given
     */
    record ResourceSpec(boolean external, Optional<String> name, Optional<String> driver) {
        static ResourceSpec owned() {
            return new ResourceSpec(false, Optional.empty(), Optional.empty());
        }
    }
}
