package io.slipway.core.router;

import io.slipway.plugin.api.config.FieldError;
import java.util.Optional;
import java.util.regex.Pattern;

/** The rule for a custom domain: a full host name, lower-case, at most 253 characters, no wildcard. */
public final class DomainName {
    private static final Pattern LABEL = Pattern.compile("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$");
    private static final String RULE = "must be a host name like www.example.com: labels of 1 to 63 lower-case "
            + "letters, digits or '-' (not starting or ending with '-') separated by dots, at most 253 characters";

    private DomainName() {
    }

    /** The error for {@code field} when {@code domain} breaks the rule. */
    public static Optional<FieldError> check(String field, String domain) {
        if (domain == null || domain.isEmpty()) {
            return Optional.of(new FieldError(field, "is required"));
        }
        if (domain.length() > 253) {
            return Optional.of(new FieldError(field, "is longer than 253 characters"));
        }
        if (domain.contains("*")) {
            return Optional.of(new FieldError(field, "must not be a wildcard: add each host name on its own"));
        }
        if (!domain.equals(domain.toLowerCase(java.util.Locale.ROOT))) {
            return Optional.of(new FieldError(field, "must be lower-case: use '"
                    + domain.toLowerCase(java.util.Locale.ROOT) + "'"));
        }
        String[] labels = domain.split("\\.", -1);
        if (labels.length < 2) {
            return Optional.of(new FieldError(field, "must have at least two labels, like example.com"));
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                return Optional.of(new FieldError(field, RULE));
            }
        }
        if (labels[labels.length - 1].chars().allMatch(Character::isDigit)) {
            return Optional.of(new FieldError(field, "must be a host name, not an IP address"));
        }
        return Optional.empty();
    }
}
