package io.slipway.core.rules;

import io.slipway.plugin.api.source.TriggerEvent;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Applies an app's rules to a trigger event: a pure function, tested as data. Every rule that
 * matches a push deploys (one deployment per environment); a pull/merge request opened or updated
 * deploys its preview {@code pr-<n>} when previews are on; a closed one removes it.
 */
public final class RuleMatcher {
    static final String HEADS = "refs/heads/";
    static final String TAGS = "refs/tags/";

    private RuleMatcher() {
    }

    /** The environment of pull/merge request {@code number}'s preview. */
    public static String previewEnvironment(int number) {
        return "pr-" + number;
    }

    public static RuleDecision decide(DeploymentRules rules, TriggerEvent event) {
        return switch (event.kind()) {
            case PUSH, TAG -> push(rules, event);
            case PULL_REQUEST_OPENED, PULL_REQUEST_UPDATED -> preview(rules, event);
            case PULL_REQUEST_CLOSED -> event.pullRequest()
                    .map(n -> new RuleDecision(List.of(), Optional.of(previewEnvironment(n)), "pull request " + n
                            + " closed: its preview is removed"))
                    .orElseGet(() -> RuleDecision.nothing("a closed pull request without a number"));
        };
    }

    private static RuleDecision preview(DeploymentRules rules, TriggerEvent event) {
        if (event.pullRequest().isEmpty() || event.pullRequest().get() <= 0) {
            return RuleDecision.nothing("a pull request event without a valid number");
        }
        if (!rules.previews()) {
            return RuleDecision.nothing("previews are off for this app");
        }
        if (!isCommit(event.commitId())) {
            return RuleDecision.nothing("the pull request's head '" + event.commitId() + "' is not a commit id");
        }
        int n = event.pullRequest().get();
        return new RuleDecision(List.of(new PlannedDeployment(previewEnvironment(n), event.ref(), "preview", true)),
                Optional.empty(), "pull request " + n + " deploys its preview");
    }

    private static RuleDecision push(DeploymentRules rules, TriggerEvent event) {
        boolean tag = event.kind() == TriggerEvent.Kind.TAG || event.ref().startsWith(TAGS);
        String prefix = tag ? TAGS : HEADS;
        String name = event.ref().startsWith(prefix) ? event.ref().substring(prefix.length()) : event.ref();
        String what = (tag ? "tag '" : "branch '") + name + "'";
        if (!GitRefNames.isValid(name)) {
            return RuleDecision.nothing(what + " is not a valid git ref name: nothing deploys");
        }
        if (event.commitId().isEmpty() || event.commitId().chars().allMatch(c -> c == '0')) {
            return RuleDecision.nothing(what + " was deleted: nothing deploys");
        }
        if (!isCommit(event.commitId())) {
            return RuleDecision.nothing("the pushed commit '" + event.commitId() + "' is not a commit id");
        }
        List<PlannedDeployment> out = new ArrayList<>();
        Set<String> environments = new LinkedHashSet<>();
        List<String> filtered = new ArrayList<>();
        for (DeploymentRule r : rules.rules()) {
            Optional<String> glob = tag ? r.tag() : r.branch();
            if (glob.isEmpty() || !new RefGlob(glob.get()).matches(name)) {
                continue;
            }
            if (!pathsMatch(r.paths(), event.changedPaths())) {
                filtered.add(r.describe());
                continue;
            }
            if (environments.add(r.environment())) {
                out.add(new PlannedDeployment(r.environment(), name, r.describe(), false));
            }
        }
        if (!out.isEmpty()) {
            return new RuleDecision(out, Optional.empty(), what + " matches " + String.join("; ",
                    out.stream().map(PlannedDeployment::rule).toList()));
        }
        return RuleDecision.nothing(filtered.isEmpty() ? "no rule matches " + what
                : what + " matches " + String.join("; ", filtered) + " but no changed file matches its paths");
    }

    /** No filters, or a sender that did not list changed files, lets the rule through. */
    static boolean pathsMatch(List<String> filters, List<String> changed) {
        if (filters.isEmpty() || changed.isEmpty()) {
            return true;
        }
        return filters.stream().map(RefGlob::new).anyMatch(g -> changed.stream().anyMatch(g::matches));
    }

    /** A hexadecimal commit id (SHA-1 or SHA-256), the only revision a webhook may ask to deploy. */
    public static boolean isCommit(String id) {
        return id.length() >= 7 && id.length() <= 64 && id.chars().allMatch(c -> (c >= '0' && c <= '9')
                || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'));
    }
}
