package io.slipway.plugins.gitlab;

import com.fasterxml.jackson.databind.JsonNode;
import io.slipway.plugin.api.source.TriggerEvent;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Reads verified GitLab payloads (Push Hook, Tag Push Hook, Merge Request Hook) into trigger
 * events. Branch and tag names are carried as data: never a path, never a command.
 *
 * <pre>{@code
 * List<TriggerEvent> events = GitLabEvents.mergeRequest(payload, deliveryId);
 * }</pre>
 */
final class GitLabEvents {
    private static final String NO_COMMIT = "0000000000000000000000000000000000000000";

    private GitLabEvents() {
    }

    static List<TriggerEvent> push(JsonNode payload, String delivery, TriggerEvent.Kind kind) {
        String ref = payload.path("ref").asText("");
        String after = payload.path("checkout_sha").asText(payload.path("after").asText(""));
        String prefix = kind == TriggerEvent.Kind.TAG ? "refs/tags/" : "refs/heads/";
        if (after.isEmpty() || NO_COMMIT.equals(after) || NO_COMMIT.equals(payload.path("after").asText("")) || !ref.startsWith(prefix)) {
            return List.of();
        }
        List<String> paths = kind == TriggerEvent.Kind.TAG ? List.of() : changedPaths(payload);
        return List.of(new TriggerEvent(kind, repository(payload), ref, after, Optional.empty(), delivery,
                payload.path("user_username").asText(""), paths, false));
    }

    static List<TriggerEvent> mergeRequest(JsonNode payload, String delivery) {
        JsonNode mr = payload.path("object_attributes");
        int iid = mr.path("iid").asInt(0);
        String source = mr.path("source_branch").asText("");
        String head = mr.path("last_commit").path("id").asText("");
        if (iid < 1 || source.isEmpty()) {
            return List.of();
        }
        String action = mr.path("action").asText("");
        TriggerEvent.Kind kind = switch (action) {
            case "open", "reopen" -> TriggerEvent.Kind.PULL_REQUEST_OPENED;
            // "update" also means a new title or label: only new commits (oldrev) redeploy.
            case "update" -> mr.hasNonNull("oldrev") ? TriggerEvent.Kind.PULL_REQUEST_UPDATED : null;
            case "merge", "close" -> TriggerEvent.Kind.PULL_REQUEST_CLOSED;
            default -> null;
        };
        if (kind == null || (kind != TriggerEvent.Kind.PULL_REQUEST_CLOSED && head.isEmpty())) {
            return List.of();
        }
        boolean closed = kind == TriggerEvent.Kind.PULL_REQUEST_CLOSED;
        return List.of(new TriggerEvent(kind, repository(payload), "refs/heads/" + source, closed ? "" : head,
                Optional.of(iid), delivery, payload.path("user").path("username").asText(""), List.of(),
                "merge".equals(action)));
    }

    /** The https clone URL, as the app's source settings hold it. */
    private static String repository(JsonNode payload) {
        JsonNode project = payload.path("project");
        String http = project.path("git_http_url").asText("");
        return http.isEmpty() ? project.path("path_with_namespace").asText("") : http;
    }

    /**
     * Files the pushed commits added, modified or removed. GitLab lists at most 20 commits: when
     * {@code total_commits_count} says there were more, the paths are unknown (empty).
     */
    private static List<String> changedPaths(JsonNode payload) {
        JsonNode commits = payload.path("commits");
        if (payload.path("total_commits_count").asInt(commits.size()) > commits.size()) {
            return List.of();
        }
        TreeSet<String> paths = new TreeSet<>();
        for (JsonNode commit : commits) {
            for (String field : List.of("added", "modified", "removed")) {
                commit.path(field).forEach(p -> {
                    if (p.isTextual()) {
                        paths.add(p.asText());
                    }
                });
            }
        }
        return List.copyOf(paths);
    }
}
