package io.slipway.core.rules;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the rules make of one event: the deployments to queue, a preview to remove, and in words
 * why (for the dry run and the delivery record).
 */
public record RuleDecision(List<PlannedDeployment> deployments, Optional<String> removePreview, String reason) {
    public RuleDecision {
        deployments = List.copyOf(deployments);
        Objects.requireNonNull(removePreview, "removePreview");
        Objects.requireNonNull(reason, "reason");
    }

    public static RuleDecision nothing(String reason) {
        return new RuleDecision(List.of(), Optional.empty(), reason);
    }

    public boolean isNothing() {
        return deployments.isEmpty() && removePreview.isEmpty();
    }
}
