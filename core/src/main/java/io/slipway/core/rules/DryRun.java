package io.slipway.core.rules;

import java.util.List;
import java.util.Optional;

/**
 * The answer of a dry run: what the event would deploy, with each deployment's host.
 *
 * @param matched whether anything would happen
 * @param reason in words, which rule matched or why none did
 */
public record DryRun(boolean matched, String reason, List<Would> deployments, Optional<String> removePreview) {
    public DryRun {
        deployments = List.copyOf(deployments);
    }

    /** One deployment the event would queue. */
    public record Would(String environment, String ref, String rule, boolean preview, String host) {
    }
}
