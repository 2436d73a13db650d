package io.slipway.core.rules;

import java.util.List;

/**
 * {@code PUT /api/v1/apps/{app}/rules}:
 * {@code {"rules": [{"branch": "main", "environment": "production"},
 * {"tag": "v*", "environment": "production", "paths": ["src/**"]}], "previews": true}}.
 * An empty {@code rules} list with {@code previews} false deploys nothing on push. Optional
 * {@code maxPreviews} (default 5) and {@code previewTtlDays} (default 7) limit previews.
 */
public record RulesBody(List<RuleBody> rules, Boolean previews, Integer maxPreviews, Integer previewTtlDays) {

    /** With the default preview limits (5 live, removed after 7 days without a commit). */
    public RulesBody(List<RuleBody> rules, Boolean previews) {
        this(rules, previews, null, null);
    }

    /** One rule: {@code branch} or {@code tag}, {@code environment}, optional {@code paths}. */
    public record RuleBody(String branch, String tag, String environment, List<String> paths) {
    }
}
