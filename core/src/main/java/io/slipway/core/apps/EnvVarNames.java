package io.slipway.core.apps;

import io.slipway.plugin.api.config.FieldError;
import java.util.Optional;
import java.util.regex.Pattern;

/** Environment variable names: what POSIX shells and container engines accept. */
public final class EnvVarNames {
    public static final Pattern PATTERN = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]{0,254}$");

    private EnvVarNames() {
    }

    public static boolean isValid(String name) {
        return name != null && PATTERN.matcher(name).matches();
    }

    public static Optional<FieldError> check(String field, String name) {
        return isValid(name) ? Optional.empty() : Optional.of(new FieldError(field,
                "must be an environment variable name: a letter or '_', then letters, digits or '_' (at most 255)"));
    }
}
