package io.slipway.plugins.gitlab;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.slipway.plugin.api.source.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Webhook deliveries as GitLab sends them: the documented headers (X-Gitlab-Event, X-Gitlab-Token,
 * X-Gitlab-Event-UUID, X-Gitlab-Webhook-UUID, X-Gitlab-Instance, Idempotency-Key, User-Agent
 * GitLab/...) and payloads shaped like the documented Push Hook, Tag Push Hook and Merge Request
 * Hook examples.
 */
final class GitLabDeliveries {
    static final String SECRET = "s3cr3t-token";
    static final String HTTP_URL = "https://gitlab.example.org/acme/shop.git";
    static final String SHA = "da1560886d4f094c3e6c9ef40349f7d38b5d27d7";
    static final String BEFORE = "95790bf891e76fee5e1747ab589903a6a1f80f22";
    static final String EVENT_UUID = "13792a34-cac6-4fda-95a8-c58e00a3954e";

    private GitLabDeliveries() {
    }

    static WebhookRequest request(String event, byte[] body, String token, Map<String, String> extra) {
        Map<String, List<String>> headers = new TreeMap<>();
        headers.put("Content-Type", List.of("application/json"));
        headers.put("User-Agent", List.of("GitLab/17.5.0"));
        headers.put("X-Gitlab-Event", List.of(event));
        headers.put("X-Gitlab-Event-UUID", List.of(EVENT_UUID));
        headers.put("X-Gitlab-Webhook-UUID", List.of("2fd7c9c4-7b02-4d2f-9d4c-3b1a6f0e8a11"));
        headers.put("X-Gitlab-Instance", List.of("https://gitlab.example.org"));
        if (token != null) {
            headers.put("X-Gitlab-Token", List.of(token));
        }
        extra.forEach((k, v) -> headers.put(k, List.of(v)));
        return new WebhookRequest("", headers, body);
    }

    static WebhookRequest signed(String event, ObjectNode payload) {
        return request(event, bytes(payload), SECRET, Map.of());
    }

    static byte[] bytes(ObjectNode payload) {
        return payload.toString().getBytes(StandardCharsets.UTF_8);
    }

    static ObjectNode project() {
        return FakeGitLab.JSON.createObjectNode().put("id", 15).put("name", "shop").put("description", "")
                .put("web_url", "https://gitlab.example.org/acme/shop").put("git_ssh_url", "git@gitlab.example.org:acme/shop.git")
                .put("git_http_url", HTTP_URL).put("namespace", "acme").put("visibility_level", 0)
                .put("path_with_namespace", "acme/shop").put("default_branch", "main")
                .put("homepage", "https://gitlab.example.org/acme/shop").put("url", "git@gitlab.example.org:acme/shop.git")
                .put("ssh_url", "git@gitlab.example.org:acme/shop.git").put("http_url", HTTP_URL);
    }

    /** object_kind "push" or "tag_push" with one commit that changed the given files. */
    static ObjectNode push(String objectKind, String ref, List<String> added, List<String> modified, List<String> removed) {
        ObjectNode commit = FakeGitLab.JSON.createObjectNode().put("id", SHA).put("message", "fixed readme")
                .put("title", "fixed readme").put("timestamp", "2030-01-01T10:00:00+00:00")
                .put("url", "https://gitlab.example.org/acme/shop/-/commit/" + SHA);
        commit.set("author", FakeGitLab.JSON.createObjectNode().put("name", "Jordi Mallach").put("email", "jordi@example.org"));
        commit.set("added", strings(added));
        commit.set("modified", strings(modified));
        commit.set("removed", strings(removed));
        ObjectNode payload = FakeGitLab.JSON.createObjectNode().put("object_kind", objectKind).put("event_name", objectKind)
                .put("before", BEFORE).put("after", SHA).put("ref", ref).put("ref_protected", true).put("checkout_sha", SHA)
                .put("user_id", 4).put("user_name", "John Smith").put("user_username", "jsmith")
                .put("user_email", "john@example.org").put("project_id", 15);
        payload.set("project", project());
        payload.set("commits", FakeGitLab.JSON.createArrayNode().add(commit));
        payload.put("total_commits_count", 1);
        payload.set("repository", FakeGitLab.JSON.createObjectNode().put("name", "shop").put("url", "git@gitlab.example.org:acme/shop.git")
                .put("git_http_url", HTTP_URL).put("homepage", "https://gitlab.example.org/acme/shop"));
        return payload;
    }

    static ObjectNode mergeRequest(String action, int iid, String sourceBranch, boolean newCommits) {
        ObjectNode attributes = FakeGitLab.JSON.createObjectNode().put("id", 99).put("iid", iid).put("target_branch", "main")
                .put("source_branch", sourceBranch).put("source_project_id", 15).put("target_project_id", 15)
                .put("title", "MS-Viewport").put("state", action.equals("merge") ? "merged" : action.equals("close") ? "closed" : "opened")
                .put("merge_status", "unchecked").put("url", "https://gitlab.example.org/acme/shop/-/merge_requests/" + iid)
                .put("action", action);
        attributes.set("last_commit", FakeGitLab.JSON.createObjectNode().put("id", SHA).put("message", "fixed readme"));
        if (newCommits) {
            attributes.put("oldrev", BEFORE);
        }
        ObjectNode payload = FakeGitLab.JSON.createObjectNode().put("object_kind", "merge_request").put("event_type", "merge_request");
        payload.set("user", FakeGitLab.JSON.createObjectNode().put("id", 1).put("name", "Administrator").put("username", "root"));
        payload.set("project", project());
        payload.set("object_attributes", attributes);
        return payload;
    }

    private static ArrayNode strings(List<String> values) {
        ArrayNode array = FakeGitLab.JSON.createArrayNode();
        values.forEach(array::add);
        return array;
    }
}
