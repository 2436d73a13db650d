package io.slipway.core.webhooks;

import static io.slipway.core.pipeline.PipelineTestSupport.ok;
import static io.slipway.core.pipeline.PipelineTestSupport.read;
import static io.slipway.core.pipeline.PipelineTestSupport.write;

import io.slipway.core.pipeline.PipelineTestSupport;
import io.slipway.core.plugins.ExtensionRegistry;
import io.slipway.core.plugins.RegisteredExtension;
import io.slipway.plugin.api.ExtensionPointId;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A test server with the pipeline's test extensions, a GitHub-shaped {@link TestWebhookReceiver}
 * at {@code /hooks/hooktest}, and helpers to create apps deploying a repository and to send
 * deliveries signed as GitHub signs them.
 *
 * <pre>{@code
 * WebhookTestSupport t = WebhookTestSupport.start();
 * String secret = t.app("web", "acme/shop", "main");
 * HttpResponse<String> r = t.deliver("push", t.push("acme/shop", "refs/heads/main", SHA), secret);
 * }</pre>
 */
public final class WebhookTestSupport implements AutoCloseable {
    public static final String SHA = "1111111111111111111111111111111111111111";
    public static final String SHA2 = "2222222222222222222222222222222222222222";

    public final PipelineTestSupport pipeline;
    public final RecordingNotifier notifier = new RecordingNotifier();
    public final RecordingStatusPublisher publisher = new RecordingStatusPublisher();

    private WebhookTestSupport(PipelineTestSupport pipeline) {
        this.pipeline = pipeline;
    }

    public static WebhookTestSupport start() {
        PipelineTestSupport p = PipelineTestSupport.start();
        WebhookTestSupport t = new WebhookTestSupport(p);
        p.server.core().service(ExtensionRegistry.class).put(TestWebhookReceiver.ID, List.of(
                new RegisteredExtension(ExtensionPointId.WEBHOOK, TestWebhookReceiver.ID, new TestWebhookReceiver()),
                new RegisteredExtension(ExtensionPointId.SOURCE, TestWebhookReceiver.ID, new TestRepoSource()),
                new RegisteredExtension(ExtensionPointId.NOTIFIER, TestWebhookReceiver.ID, t.notifier),
                new RegisteredExtension(ExtensionPointId.STATUS, TestWebhookReceiver.ID, t.publisher)));
        return t;
    }

    /** Creates an app deploying {@code repository}'s {@code branch}; returns its new webhook secret. */
    public String app(String name, String repository, String branch) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("project", "shop");
        body.put("name", name);
        String dir = pipeline.dir.toString();
        body.put("source", Map.of("type", "repo-source", "config", Map.of("url", "https://github.com/" + repository
                + ".git", "branch", branch, "dir", dir)));
        body.put("builder", Map.of("type", "test-builder", "config", Map.of("dir", dir)));
        body.put("deployer", Map.of("type", "test-deployer", "config", Map.of("dir", dir)));
        body.put("health", Map.of("type", "test-health", "config", Map.of("dir", dir)));
        ok(pipeline.server.postJson("/api/v1/apps", write(body)), 201);
        HttpResponse<String> r = pipeline.server.postJson("/api/v1/apps/" + name + "/webhook-secret", "");
        ok(r, 201);
        return read(r.body()).get("secret").asText();
    }

    /** Sends the app's notifications of {@code events} (e.g. {@code preview_removed}) to {@link #notifier}. */
    public void recordNotifications(String app, String... events) {
        String list = java.util.Arrays.stream(events).map(e -> "\"" + e + "\"").collect(java.util.stream.Collectors.joining(", "));
        ok(pipeline.server.postJson("/api/v1/apps/" + app + "/notification-targets", "{\"name\": \"recorder\", "
                + "\"notifier\": {\"type\": \"recording-notifier\", \"config\": {}}, \"events\": [" + list + "]}"), 201);
    }

    public void rules(String app, String json) {
        ok(pipeline.server.send("PUT", "/api/v1/apps/" + app + "/rules", json), 200);
    }

    public static String push(String repository, String ref, String sha, String... changed) {
        return write(Map.of("ref", ref, "after", sha, "repository", Map.of("full_name", repository),
                "sender", Map.of("login", "octocat"), "commits", List.of(Map.of("added", List.of(),
                        "modified", List.of(changed), "removed", List.of()))));
    }

    public static String pullRequest(String repository, String action, int number, String sha) {
        return write(Map.of("action", action, "number", number, "repository", Map.of("full_name", repository),
                "sender", Map.of("login", "octocat"), "pull_request", Map.of("head", Map.of("sha", sha,
                        "ref", "feature/x"), "merged", false)));
    }

    /** Sends a delivery signed with {@code secret}, with a fresh delivery id. */
    public HttpResponse<String> deliver(String event, String body, String secret) {
        return deliver(event, body, secret, UUID.randomUUID().toString());
    }

    public HttpResponse<String> deliver(String event, String body, String secret, String deliveryId) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return send(event, bytes, TestWebhookReceiver.signature(secret, bytes), deliveryId);
    }

    /** Sent bare, as GitHub does: no Authorization header. */
    public HttpResponse<String> send(String event, byte[] body, String signature, String deliveryId) {
        HttpRequest.Builder b = HttpRequest.newBuilder(pipeline.server.uri("/hooks/" + TestWebhookReceiver.ID))
                .header("Content-Type", "application/json").header("X-GitHub-Event", event)
                .header("X-GitHub-Delivery", deliveryId).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (signature != null) {
            b.header("X-Hub-Signature-256", signature);
        }
        return pipeline.server.asAnonymous().send(b.build());
    }

    /** How many deployments the app has. */
    public int deploymentCount(String app) {
        return read(pipeline.server.get("/api/v1/apps/" + app + "/deployments?limit=100").body()).get("items").size();
    }

    @Override
    public void close() {
        pipeline.close();
    }
}
