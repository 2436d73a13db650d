package io.slipway.plugins.github;

import com.fasterxml.jackson.databind.JsonNode;
import io.slipway.plugin.api.source.TriggerEvent;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Reads verified GitHub payloads ({@code push}, {@code pull_request}) into trigger events. Branch
 * and tag names are carried as data: never a path, never a command.
 *
 * <pre>{@code
 * List<TriggerEvent> events = GitHubEvents.push(payload, "72d3162e-cc78-11e3-81ab-4c9367dc0958");
 * }</pre>
 */
final class GitHubEvents {
    private static final String NO_COMMIT = "0000000000000000000000000000000000000000";

    private GitHubEvents() {
    }

    static List<TriggerEvent> push(JsonNode payload, String delivery) {
        String ref = payload.path("ref").asText("");
        String after = payload.path("after").asText("");
        if (payload.path("deleted").asBoolean(false) || after.isEmpty() || NO_COMMIT.equals(after)) {
            return List.of();
        }
        TriggerEvent.Kind kind;
        if (ref.startsWith("refs/tags/")) {
            kind = TriggerEvent.Kind.TAG;
        } else if (ref.startsWith("refs/heads/")) {
            kind = TriggerEvent.Kind.PUSH;
        } else {
            return List.of();
        }
        return List.of(new TriggerEvent(kind, repository(payload), ref, after, Optional.empty(), delivery,
                sender(payload), kind == TriggerEvent.Kind.TAG ? List.of() : changedPaths(payload), false));
    }

    static List<TriggerEvent> pullRequest(JsonNode payload, String delivery) {
        JsonNode pr = payload.path("pull_request");
        int number = payload.path("number").asInt(pr.path("number").asInt(0));
        String headRef = pr.path("head").path("ref").asText("");
        String headSha = pr.path("head").path("sha").asText("");
        if (number < 1 || headRef.isEmpty()) {
            return List.of();
        }
        TriggerEvent.Kind kind = switch (payload.path("action").asText("")) {
            case "opened", "reopened" -> TriggerEvent.Kind.PULL_REQUEST_OPENED;
            case "synchronize" -> TriggerEvent.Kind.PULL_REQUEST_UPDATED;
            case "closed" -> TriggerEvent.Kind.PULL_REQUEST_CLOSED;
            default -> null;
        };
        if (kind == null || (kind != TriggerEvent.Kind.PULL_REQUEST_CLOSED && headSha.isEmpty())) {
            return List.of();
        }
        boolean closed = kind == TriggerEvent.Kind.PULL_REQUEST_CLOSED;
        return List.of(new TriggerEvent(kind, repository(payload), "refs/heads/" + headRef, closed ? "" : headSha,
                Optional.of(number), delivery, sender(payload), List.of(), closed && pr.path("merged").asBoolean(false)));
    }

    /** The https clone URL, as the app's source settings hold it; owner/name when the payload has none. */
    private static String repository(JsonNode payload) {
        JsonNode repo = payload.path("repository");
        String clone = repo.path("clone_url").asText("");
        return clone.isEmpty() ? repo.path("full_name").asText("") : clone;
    }

    private static String sender(JsonNode payload) {
        return payload.path("sender").path("login").asText(payload.path("pusher").path("name").asText(""));
    }

    /** Files added, modified or removed by the pushed commits; empty (unknown) when the payload lists none. */
    private static List<String> changedPaths(JsonNode payload) {
        TreeSet<String> paths = new TreeSet<>();
        for (JsonNode commit : payload.path("commits")) {
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
