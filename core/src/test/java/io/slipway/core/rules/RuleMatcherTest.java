package io.slipway.core.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.plugin.api.source.TriggerEvent;
import io.slipway.plugin.api.source.TriggerEvent.Kind;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RuleMatcherTest {
    private static final String SHA = "abcdef0123456789abcdef0123456789abcdef01";
    private static final DeploymentRules RULES = new DeploymentRules(List.of(
            DeploymentRule.branch("main", "production"),
            DeploymentRule.branch("release/*", "staging"),
            DeploymentRule.branch("docs/**", "docs").withPaths(List.of("docs/**", "*.md")),
            DeploymentRule.tag("v*", "production")), true, true);

    private static TriggerEvent push(String ref, String... changed) {
        return new TriggerEvent(ref.startsWith("refs/tags/") ? Kind.TAG : Kind.PUSH, "acme/shop", ref, SHA,
                Optional.empty(), "d", "me", List.of(changed), false);
    }

    private static List<String> environments(TriggerEvent e) {
        return RuleMatcher.decide(RULES, e).deployments().stream().map(PlannedDeployment::environment).toList();
    }

    @Test
    void branchesMapToTheirEnvironments() {
        record Case(String ref, List<String> expected) {
        }
        for (Case c : List.of(
                new Case("refs/heads/main", List.of("production")),
                new Case("refs/heads/release/1.2", List.of("staging")),
                new Case("refs/heads/release/1.2/hotfix", List.of()),
                new Case("refs/heads/mainline", List.of()),
                new Case("refs/heads/feature/main", List.of()),
                new Case("refs/tags/v1.0.0", List.of("production")),
                new Case("refs/tags/1.0.0", List.of()))) {
            assertEquals(c.expected(), environments(push(c.ref())), c.ref());
        }
    }

    @Test
    void tagPatternsDoNotMatchBranchesOfTheSameName() {
        assertEquals(List.of(), environments(push("refs/heads/v1")));
    }

    @Test
    void pathFiltersHoldBackPushesThatChangeNoMatchingFile() {
        assertEquals(List.of("docs"), environments(push("refs/heads/docs/intro", "docs/a/b.html")));
        assertEquals(List.of("docs"), environments(push("refs/heads/docs/intro", "README.md")));
        assertEquals(List.of(), environments(push("refs/heads/docs/intro", "src/Main.java")));
        assertTrue(RuleMatcher.decide(RULES, push("refs/heads/docs/intro", "src/Main.java")).reason()
                .contains("no changed file matches"));
        // a sender that does not list changed files does not hold it back
        assertEquals(List.of("docs"), environments(push("refs/heads/docs/intro")));
    }

    @Test
    void everyMatchingRuleDeploysOncePerEnvironment() {
        DeploymentRules rules = new DeploymentRules(List.of(DeploymentRule.branch("main", "production"),
                DeploymentRule.branch("ma*", "staging"), DeploymentRule.branch("*", "production")), false, true);
        assertEquals(List.of("production", "staging"), RuleMatcher.decide(rules, push("refs/heads/main")).deployments()
                .stream().map(PlannedDeployment::environment).toList());
    }

    @Test
    void refsThatAreNotGitRefNamesDeployNothing() {
        DeploymentRules all = new DeploymentRules(List.of(DeploymentRule.branch("**", "production")), false, true);
        for (String ref : List.of("refs/heads/../x", "refs/heads/a b", "refs/heads/a;b", "refs/heads/$(id)",
                "refs/heads/a`b`", "refs/heads/.hidden", "refs/heads/x.lock", "refs/heads/-rf", "refs/heads/a\nb")) {
            assertTrue(RuleMatcher.decide(all, push(ref)).isNothing(), ref);
        }
        assertFalse(RuleMatcher.decide(all, push("refs/heads/feature/login-2")).isNothing());
    }

    @Test
    void deletedBranchAndNonCommitRevisionDeployNothing() {
        TriggerEvent deleted = new TriggerEvent(Kind.PUSH, "acme/shop", "refs/heads/main",
                "0000000000000000000000000000000000000000", Optional.empty(), "d", "me");
        assertTrue(RuleMatcher.decide(RULES, deleted).isNothing());
        TriggerEvent notSha = new TriggerEvent(Kind.PUSH, "acme/shop", "refs/heads/main", "--upload-pack=x",
                Optional.empty(), "d", "me");
        assertTrue(RuleMatcher.decide(RULES, notSha).isNothing());
    }

    @Test
    void pullRequestsDeployAndRemoveTheirPreview() {
        TriggerEvent opened = new TriggerEvent(Kind.PULL_REQUEST_OPENED, "acme/shop", "refs/heads/feature", SHA,
                Optional.of(42), "d", "me");
        RuleDecision d = RuleMatcher.decide(RULES, opened);
        assertEquals("pr-42", d.deployments().get(0).environment());
        assertTrue(d.deployments().get(0).preview());
        TriggerEvent closed = new TriggerEvent(Kind.PULL_REQUEST_CLOSED, "acme/shop", "refs/heads/feature", "",
                Optional.of(42), "d", "me");
        assertEquals(Optional.of("pr-42"), RuleMatcher.decide(RULES, closed).removePreview());
        DeploymentRules off = new DeploymentRules(RULES.rules(), false, true);
        assertTrue(RuleMatcher.decide(off, opened).isNothing());
    }

    @Test
    void defaultsDeployTheSourceBranchToProductionOnly() {
        DeploymentRules d = DeploymentRules.defaults("develop");
        assertEquals(List.of("production"), RuleMatcher.decide(d, push("refs/heads/develop")).deployments().stream()
                .map(PlannedDeployment::environment).toList());
        assertTrue(RuleMatcher.decide(d, push("refs/heads/main")).isNothing());
        assertFalse(d.previews());
    }

    @Test
    void globsKeepStarsWithinOneSegment() {
        assertTrue(new RefGlob("release/*").matches("release/1.2"));
        assertFalse(new RefGlob("release/*").matches("release/1/2"));
        assertTrue(new RefGlob("release/**").matches("release/1/2"));
        assertTrue(new RefGlob("src/**/x.js").matches("src/x.js"));
        assertTrue(new RefGlob("v?.*").matches("v1.0"));
        assertFalse(new RefGlob("a.c").matches("abc"));
        assertTrue(new RefGlob("main").matches("main"));
        assertFalse(new RefGlob("main").matches("maint"));
        assertFalse(new RefGlob("(a|b)").matches("a"));
    }
}
