package io.slipway.core.pipeline;

import io.slipway.core.SlipwayException;
import java.util.Map;

/** A log read starting past the log's end (416). */
public final class LogRangeException extends SlipwayException {
    private final long lines;

    public LogRangeException(long deploymentId, long offset, long lines) {
        super(416, "range_not_satisfiable", "The log of deployment " + deploymentId + " has " + lines
                + " line(s); offset " + offset + " is past its end. Ask for an offset from 0 to " + lines + ".");
        this.lines = lines;
    }

    @Override
    public Map<String, Object> details() {
        return Map.of("lines", lines);
    }
}
