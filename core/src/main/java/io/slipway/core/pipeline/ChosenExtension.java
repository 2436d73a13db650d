package io.slipway.core.pipeline;

import io.slipway.core.plugins.RegisteredExtension;
import io.slipway.plugin.api.config.Config;
import io.slipway.plugin.api.config.ConfigField;
import io.slipway.plugin.api.config.FieldType;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/** An extension an app chose for one point, with its parsed config. */
public record ChosenExtension(RegisteredExtension registered, Config config) {
    public ChosenExtension {
        Objects.requireNonNull(registered, "registered");
        Objects.requireNonNull(config, "config");
    }

    /** The values of the config's secret fields, for masking. */
    public Set<String> secretValues() {
        Set<String> out = new HashSet<>();
        for (ConfigField f : registered.extension().configSchema().fields()) {
            if (f.type() == FieldType.SECRET) {
                config.text(f.name()).ifPresent(out::add);
            }
        }
        return out;
    }

    public String id() {
        return registered.id();
    }
}
