package io.slipway.plugin.api.build;

import io.slipway.plugin.api.SlipwayPluginException;
import java.util.Objects;
import java.util.Optional;

/**
 * A source whose build cannot be planned: its build configuration is malformed or names something
 * unknown, or nothing in it is recognised. The message says what to change; {@link #line()} points
 * into the configuration file when the problem is there.
 *
 * <pre>{@code
 * throw new PlanRejectedException("nixpacks.toml line 3: unknown provider 'cobol' (known: node, python, go)",
 *     Optional.of(3));
 * }</pre>
 */
public class PlanRejectedException extends SlipwayPluginException {
    private final Optional<Integer> line;

    public PlanRejectedException(String message, Optional<Integer> line) {
        super(message);
        this.line = Objects.requireNonNull(line, "line");
    }

    /** The 1-based line of the configuration file at fault, when known. */
    public Optional<Integer> line() {
        return line;
    }
}
