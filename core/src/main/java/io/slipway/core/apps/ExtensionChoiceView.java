package io.slipway.core.apps;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * An app's choice for one extension point, without secrets.
 *
 * @param type the extension's id
 * @param config the non-secret values the user gave (defaults are not filled in)
 * @param secretsSet the names of secret fields that have a stored value, sorted
 */
public record ExtensionChoiceView(String type, Map<String, Object> config, Set<String> secretsSet) {
    public ExtensionChoiceView {
        Objects.requireNonNull(type, "type");
        config = Collections.unmodifiableMap(new LinkedHashMap<>(config));
        secretsSet = Collections.unmodifiableSortedSet(new TreeSet<>(secretsSet));
    }
}
