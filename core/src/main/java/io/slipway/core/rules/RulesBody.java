package io.slipway.core.rules;

import java.util.List;

/**
 * {@code PUT /api/v1/apps/{app}/rules}:
 * {@code {"rules": [{"branch": "main", "environment": "production"},
 * {"tag": "v*", "environment": "production", "paths": ["src/**"]}], "previews": true}}.
 * An empty {@code rules} list with {@code previews} false deploys nothing on push.
 */
public record RulesBody(List<RuleBody> rules, Boolean previews) {

    /** One rule: {@code branch} or {@code tag}, {@code environment}, optional {@code paths}. */
    public record RuleBody(String branch, String tag, String environment, List<String> paths) {
    }
}
