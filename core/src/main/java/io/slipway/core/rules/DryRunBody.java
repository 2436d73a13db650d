package io.slipway.core.rules;

import java.util.List;

/**
 * {@code POST /api/v1/apps/{app}/rules/dry-run}: an event to try the rules on, e.g.
 * {@code {"event": "push", "ref": "release/1.2", "changedPaths": ["src/a.js"]}} or
 * {@code {"event": "pull_request_opened", "pullRequest": 42}}.
 *
 * @param event push, tag, pull_request_opened, pull_request_updated or pull_request_closed
 * @param ref a branch or tag name, or a full ref ({@code refs/heads/main})
 * @param commit the commit id; a placeholder when absent (nothing is deployed)
 */
public record DryRunBody(String event, String ref, String commit, Integer pullRequest, List<String> changedPaths) {
}
