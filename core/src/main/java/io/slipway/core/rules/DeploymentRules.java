package io.slipway.core.rules;

import java.util.List;

/**
 * An app's deployment rules: which pushes deploy where, and whether pull/merge requests get
 * preview environments.
 *
 * @param custom false when the app has no rules of its own and these are the defaults
 */
public record DeploymentRules(List<DeploymentRule> rules, boolean previews, boolean custom, PreviewLimits limits) {
    public DeploymentRules {
        rules = List.copyOf(rules);
        java.util.Objects.requireNonNull(limits, "limits");
    }

    /** With the default preview limits. */
    public DeploymentRules(List<DeploymentRule> rules, boolean previews, boolean custom) {
        this(rules, previews, custom, PreviewLimits.DEFAULT);
    }

    /** What an app without rules does: pushes to its source branch deploy production; no previews. */
    public static DeploymentRules defaults(String sourceBranch) {
        return new DeploymentRules(List.of(DeploymentRule.branch(sourceBranch, "production")), false, false);
    }
}
