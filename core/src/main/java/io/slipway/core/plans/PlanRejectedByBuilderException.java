package io.slipway.core.plans;

import io.slipway.core.SlipwayException;
import java.util.Map;
import java.util.Optional;

/** The builder could not plan the source (a malformed nixpacks.toml, an unknown provider): 400, with the line. */
public final class PlanRejectedByBuilderException extends SlipwayException {
    private final Optional<Integer> line;

    public PlanRejectedByBuilderException(String message, Optional<Integer> line) {
        super(400, "invalid_build_config", message);
        this.line = line;
    }

    @Override
    public Map<String, Object> details() {
        return line.<Map<String, Object>>map(l -> Map.of("line", l)).orElse(Map.of());
    }
}
