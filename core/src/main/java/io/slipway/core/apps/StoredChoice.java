package io.slipway.core.apps;

import java.util.Objects;

/** One row of {@code app_extensions}: the chosen extension's id and its stored config. */
public record StoredChoice(String type, StoredConfig config) {
    public StoredChoice {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(config, "config");
    }

    public ExtensionChoiceView view() {
        return new ExtensionChoiceView(type, config.values(), config.encryptedSecrets().keySet());
    }
}
