package io.slipway.plugins.github;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.slipway.plugin.api.source.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Webhook deliveries as GitHub sends them: the headers GitHub documents (X-GitHub-Event,
 * X-GitHub-Delivery, X-Hub-Signature-256, X-GitHub-Hook-ID, User-Agent GitHub-Hookshot/...) and
 * payloads shaped like the documented {@code push}, {@code pull_request} and {@code ping} examples.
 */
final class GitHubDeliveries {
    static final String SECRET = "It's a Secret to Everybody";
    static final String CLONE_URL = "https://github.com/acme/shop.git";
    static final String SHA = "6113728f27ae82c7b1a177c8d03f9e96e0adf246";
    static final String BEFORE = "2b2f5c9f0b6a7c1d3e4f5a6b7c8d9e0f1a2b3c4d";

    private GitHubDeliveries() {
    }

    static WebhookRequest signed(String event, String delivery, byte[] body) {
        return request(event, delivery, body, WebhookSignature.sign(SECRET, body));
    }

    static WebhookRequest request(String event, String delivery, byte[] body, String signature) {
        Map<String, List<String>> headers = new TreeMap<>();
        headers.put("Content-Type", List.of("application/json"));
        headers.put("User-Agent", List.of("GitHub-Hookshot/044aadd"));
        headers.put("X-GitHub-Event", List.of(event));
        headers.put("X-GitHub-Delivery", List.of(delivery));
        headers.put("X-GitHub-Hook-ID", List.of("292430182"));
        headers.put("X-GitHub-Hook-Installation-Target-ID", List.of("79929171"));
        headers.put("X-GitHub-Hook-Installation-Target-Type", List.of("repository"));
        if (signature != null) {
            headers.put("X-Hub-Signature-256", List.of(signature));
        }
        return new WebhookRequest("", headers, body);
    }

    static byte[] bytes(ObjectNode payload) {
        return payload.toString().getBytes(StandardCharsets.UTF_8);
    }

    static ObjectNode repository() {
        ObjectNode owner = FakeGitHub.JSON.createObjectNode().put("login", "acme").put("id", 21031067).put("type", "Organization");
        return FakeGitHub.JSON.createObjectNode().put("id", 186853002).put("node_id", "MDEwOlJlcG9zaXRvcnkxODY4NTMwMDI=")
                .put("name", "shop").put("full_name", "acme/shop").put("private", true)
                .put("html_url", "https://github.com/acme/shop").put("url", "https://api.github.com/repos/acme/shop")
                .put("clone_url", CLONE_URL).put("git_url", "git://github.com/acme/shop.git")
                .put("ssh_url", "git@github.com:acme/shop.git").put("default_branch", "main").set("owner", owner);
    }

    static ObjectNode sender() {
        return FakeGitHub.JSON.createObjectNode().put("login", "octocat").put("id", 583231).put("type", "User");
    }

    /** A push of one commit to {@code ref}, which added, modified and removed the given files. */
    static ObjectNode push(String ref, List<String> added, List<String> modified, List<String> removed) {
        ObjectNode commit = FakeGitHub.JSON.createObjectNode().put("id", SHA).put("tree_id", "f9d2a07e9488b91af2641b26b9407fe22a451433")
                .put("distinct", true).put("message", "Update README.md").put("timestamp", "2030-01-01T12:00:00+01:00")
                .put("url", "https://github.com/acme/shop/commit/" + SHA);
        commit.set("author", FakeGitHub.JSON.createObjectNode().put("name", "Mona").put("email", "mona@example.org").put("username", "mona"));
        commit.set("added", strings(added));
        commit.set("removed", strings(removed));
        commit.set("modified", strings(modified));
        ObjectNode payload = FakeGitHub.JSON.createObjectNode().put("ref", ref).put("before", BEFORE).put("after", SHA)
                .put("created", false).put("deleted", false).put("forced", false).putNull("base_ref")
                .put("compare", "https://github.com/acme/shop/compare/2b2f5c9f0b6a...6113728f27ae");
        payload.set("commits", FakeGitHub.JSON.createArrayNode().add(commit));
        payload.set("head_commit", commit);
        payload.set("repository", repository());
        payload.set("pusher", FakeGitHub.JSON.createObjectNode().put("name", "octocat").put("email", "octocat@example.org"));
        payload.set("sender", sender());
        return payload;
    }

    static ObjectNode pullRequest(String action, int number, String headRef, boolean merged) {
        ObjectNode head = FakeGitHub.JSON.createObjectNode().put("label", "acme:" + headRef).put("ref", headRef).put("sha", SHA);
        head.set("repo", repository());
        ObjectNode base = FakeGitHub.JSON.createObjectNode().put("label", "acme:main").put("ref", "main").put("sha", BEFORE);
        ObjectNode pr = FakeGitHub.JSON.createObjectNode().put("url", "https://api.github.com/repos/acme/shop/pulls/" + number)
                .put("id", 1).put("number", number).put("state", action.equals("closed") ? "closed" : "open")
                .put("title", "Add login").put("merged", merged).put("draft", false);
        pr.set("head", head);
        pr.set("base", base);
        pr.set("user", sender());
        ObjectNode payload = FakeGitHub.JSON.createObjectNode().put("action", action).put("number", number);
        payload.set("pull_request", pr);
        payload.set("repository", repository());
        payload.set("sender", sender());
        return payload;
    }

    static ObjectNode ping() {
        ObjectNode hook = FakeGitHub.JSON.createObjectNode().put("type", "Repository").put("id", 292430182).put("active", true);
        hook.set("events", FakeGitHub.JSON.createArrayNode().add("push").add("pull_request"));
        ObjectNode payload = FakeGitHub.JSON.createObjectNode().put("zen", "Design for failure.").put("hook_id", 292430182);
        payload.set("hook", hook);
        payload.set("repository", repository());
        payload.set("sender", sender());
        return payload;
    }

    private static ArrayNode strings(List<String> values) {
        ArrayNode array = FakeGitHub.JSON.createArrayNode();
        values.forEach(array::add);
        return array;
    }
}
