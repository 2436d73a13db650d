package io.slipway.core.rules;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Deploy pushes to branches matching {@code branch} (or tags matching {@code tag}) to
 * {@code environment}, optionally only when a changed file matches one of {@code paths}.
 * Exactly one of branch and tag is set.
 *
 * @param branch a {@link RefGlob} over branch names ({@code main}, {@code release/*})
 * @param tag a {@link RefGlob} over tag names ({@code v*})
 * @param environment the environment to deploy to
 * @param paths globs over changed files; empty for "any change"
 */
public record DeploymentRule(Optional<String> branch, Optional<String> tag, String environment, List<String> paths) {
    public DeploymentRule {
        Objects.requireNonNull(branch, "branch");
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(environment, "environment");
        paths = List.copyOf(paths);
        if (branch.isPresent() == tag.isPresent()) {
            throw new IllegalArgumentException("a rule names a branch or a tag pattern, not both or neither");
        }
    }

    public static DeploymentRule branch(String glob, String environment) {
        return new DeploymentRule(Optional.of(glob), Optional.empty(), environment, List.of());
    }

    public static DeploymentRule tag(String glob, String environment) {
        return new DeploymentRule(Optional.empty(), Optional.of(glob), environment, List.of());
    }

    public DeploymentRule withPaths(List<String> filters) {
        return new DeploymentRule(branch, tag, environment, filters);
    }

    /** How the rule reads on a page or in a dry run: {@code branch release/* -> staging}. */
    public String describe() {
        String what = branch.map(b -> "branch " + b).orElseGet(() -> "tag " + tag.orElseThrow());
        return what + " -> " + environment + (paths.isEmpty() ? "" : " (paths " + String.join(", ", paths) + ")");
    }
}
