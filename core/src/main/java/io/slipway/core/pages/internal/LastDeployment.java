package io.slipway.core.pages.internal;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * An app's most recent deployment as the dashboard shows it.
 *
 * @param phase the stored phase ({@code ACTIVE}, {@code FAILED}, ...)
 * @param at when it finished, or when it was created while it still runs
 */
public record LastDeployment(String phase, Instant at) {
    public LastDeployment {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(at, "at");
    }

    /** "Health checking" for {@code HEALTH_CHECKING}. */
    public String label() {
        String words = phase.toLowerCase(Locale.ROOT).replace('_', ' ');
        return words.isEmpty() ? words : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    /** The badge's CSS class: the ends get their own colours, everything else is in progress. */
    public String badge() {
        return switch (phase) {
            case "ACTIVE" -> "ok";
            case "FAILED" -> "failed";
            case "CANCELLED", "SUPERSEDED", "ROLLED_BACK" -> "warn";
            default -> "running";
        };
    }

    public String shownAt() {
        return Times.shown(at);
    }

    public String isoAt() {
        return Times.iso(at);
    }
}
