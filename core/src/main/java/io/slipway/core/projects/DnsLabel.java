package io.slipway.core.projects;

import io.slipway.plugin.api.config.FieldError;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The naming rule for projects, apps and environments: a DNS label, since app names become host
 * names ({@code <app>.<base domain>}) and the others appear next to them in URLs and labels.
 */
public final class DnsLabel {
    public static final Pattern PATTERN = Pattern.compile("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$");
    public static final String RULE =
            "must be a DNS label: 1 to 63 lower-case letters, digits or '-', not starting or ending with '-'";

    private DnsLabel() {
    }

    public static boolean isValid(String name) {
        return name != null && PATTERN.matcher(name).matches();
    }

    /** The error for {@code field} when {@code name} breaks the rule. */
    public static Optional<FieldError> check(String field, String name) {
        if (name == null || name.isEmpty()) {
            return Optional.of(new FieldError(field, "is required"));
        }
        return isValid(name) ? Optional.empty() : Optional.of(new FieldError(field, RULE));
    }
}
