package io.slipway.core.rules;

import java.util.Objects;

/**
 * One deployment an event leads to.
 *
 * @param environment where it deploys ({@code pr-<n>} for a preview)
 * @param ref the branch or tag name (the pull request's ref for a preview); the event's commit is what deploys
 * @param rule the rule that matched, as {@link DeploymentRule#describe()} says it, or "preview"
 * @param preview whether it deploys a pull/merge request's preview environment
 */
public record PlannedDeployment(String environment, String ref, String rule, boolean preview) {
    public PlannedDeployment {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(rule, "rule");
    }
}
