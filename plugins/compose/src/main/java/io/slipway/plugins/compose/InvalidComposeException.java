package io.slipway.plugins.compose;

import io.slipway.plugin.api.StepFailedException;

/**
 * A compose file Slipway will not run: bad YAML, an unknown service in {@code depends_on}, a
 * cycle, an unset required variable, a forbidden option. The message names the place and the fix.
 */
public final class InvalidComposeException extends StepFailedException {
    private final String field;

    public InvalidComposeException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** Where in the file it is ({@code services.web.ports}), or {@code file} for the whole file. */
    public String field() {
        return field;
    }
}
