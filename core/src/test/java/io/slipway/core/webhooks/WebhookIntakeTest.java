package io.slipway.core.webhooks;

import static io.slipway.core.pipeline.PipelineTestSupport.read;
import static io.slipway.core.webhooks.WebhookTestSupport.SHA;
import static io.slipway.core.webhooks.WebhookTestSupport.SHA2;
import static io.slipway.core.webhooks.WebhookTestSupport.push;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WebhookIntakeTest {
    private static WebhookTestSupport t;
    private static String secret;

    @BeforeAll
    static void start() {
        t = WebhookTestSupport.start();
        secret = t.app("web", "acme/shop", "main");
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    @Test
    void pushToTheSourceBranchQueuesADeploymentOfThatCommit() {
        HttpResponse<String> r = t.deliver("push", push("acme/shop", "refs/heads/main", SHA), secret);
        assertEquals(202, r.statusCode(), r.body());
        JsonNode body = read(r.body());
        assertEquals("queued", body.get("status").asText());
        long id = body.get("deployments").get(0).asLong();
        JsonNode d = t.pipeline.awaitFinal(id);
        assertEquals("ACTIVE", d.get("phase").asText(), t.pipeline.log(id));
        assertEquals(SHA, d.get("revision").asText());
        assertEquals("production", d.get("environment").asText());
    }

    @Test
    void aRepositoryMatchesItsAppWhateverTheCaseEitherSideWrites() {
        String mixed = t.app("mixed", "Acme/Mixed-Case", "main");
        HttpResponse<String> r = t.deliver("push", push("acme/MIXED-case", "refs/heads/main", SHA), mixed);
        assertEquals(202, r.statusCode(), r.body());
        assertEquals("queued", read(r.body()).get("status").asText(), r.body());
    }

    @Test
    void webhookDeploymentsReportPendingThenSuccessOnTheCommit() {
        HttpResponse<String> r = t.deliver("push", push("acme/shop", "refs/heads/main", SHA), secret);
        long id = read(r.body()).get("deployments").get(0).asLong();
        assertEquals("ACTIVE", t.pipeline.awaitFinal(id).get("phase").asText());
        String url = "http://localhost/deployments/" + id;
        long until = System.nanoTime() + 10_000_000_000L;
        java.util.function.Supplier<List<String>> states = () -> t.publisher.statuses().stream()
                .filter(s -> s.targetUrl().equals(url)).map(s -> s.state().name()).distinct().toList();
        while (!states.get().contains("SUCCESS") && System.nanoTime() < until) {
            io.slipway.core.pipeline.PipelineTestSupport.sleep(20);
        }
        assertEquals("PENDING", states.get().get(0), t.publisher.statuses().toString());
        assertTrue(states.get().contains("SUCCESS"), t.publisher.statuses().toString());
        assertTrue(t.publisher.statuses().stream().filter(s -> s.targetUrl().equals(url))
                .allMatch(s -> s.commitId().equals(SHA) && s.context().equals("slipway/production")));
    }

    @Test
    void aFailingStatusPublisherNeverFailsTheDeployment() {
        String broken = t.app("broken", "acme/broken", "main");
        HttpResponse<String> r = t.deliver("push", push("acme/broken", "refs/heads/main", SHA), broken);
        assertEquals(202, r.statusCode(), r.body());
        long id = read(r.body()).get("deployments").get(0).asLong();
        assertEquals("ACTIVE", t.pipeline.awaitFinal(id).get("phase").asText());
    }

    @Test
    void badSignatureIsRefusedWith401AndQueuesNothing() {
        int before = t.deploymentCount("web");
        byte[] body = push("acme/shop", "refs/heads/main", SHA2).getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> r = t.send("push", body, TestWebhookReceiver.signature("not-the-secret-at-all", body), "bad-1");
        assertEquals(401, r.statusCode(), r.body());
        assertEquals("invalid_signature", read(r.body()).get("error").get("code").asText());
        assertEquals(before, t.deploymentCount("web"));
    }

    @Test
    void missingSignatureIsRefusedWith401AndQueuesNothing() {
        int before = t.deploymentCount("web");
        byte[] body = push("acme/shop", "refs/heads/main", SHA2).getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> r = t.send("push", body, null, "bad-2");
        assertEquals(401, r.statusCode(), r.body());
        assertTrue(read(r.body()).get("error").has("message"));
        assertEquals(before, t.deploymentCount("web"));
    }

    @Test
    void malformedJsonIsA400() {
        HttpResponse<String> r = t.deliver("push", "{\"repository\": {\"full_name\": \"acme/shop\"", secret);
        assertEquals(400, r.statusCode(), r.body());
        assertEquals("malformed_payload", read(r.body()).get("error").get("code").asText());
    }

    @Test
    void unknownEventIsAcceptedAndIgnored() {
        int before = t.deploymentCount("web");
        HttpResponse<String> r = t.deliver("star", push("acme/shop", "refs/heads/main", SHA2), secret);
        assertEquals(202, r.statusCode(), r.body());
        assertEquals("ignored", read(r.body()).get("status").asText());
        assertEquals(before, t.deploymentCount("web"));
    }

    @Test
    void repositoryNoAppDeploysAnswersNoApp() {
        HttpResponse<String> r = t.deliver("push", push("someone/else", "refs/heads/main", SHA2), secret);
        assertEquals(202, r.statusCode(), r.body());
        assertEquals("no_app", read(r.body()).get("status").asText());
    }

    @Test
    void oversizedDeliveryIsA413AndQueuesNothing() {
        int before = t.deploymentCount("web");
        byte[] body = new byte[11 * 1024 * 1024]; // over the test server's 10 MiB body limit
        java.util.Arrays.fill(body, (byte) ' ');
        HttpResponse<String> r = sendRefusedBody(body);
        assertEquals(413, r.statusCode(), r.body());
        assertEquals("payload_too_large", read(r.body()).get("error").get("code").asText());
        assertEquals(before, t.deploymentCount("web"));
    }

    @Test
    void aLargeDeliveryUnderTheLimitIsReadWhole() {
        // Past the size the servlet reads into one array at once: this body arrives in pieces.
        String json = push("acme/shop", "refs/heads/main", SHA2) + " ".repeat(3 * 1024 * 1024);
        HttpResponse<String> r = t.deliver("push", json, secret);
        assertEquals(202, r.statusCode(), r.body());
        assertEquals("queued", read(r.body()).get("status").asText(), r.body());
    }

    /*
     * The server answers 413 from the headers and closes the connection without reading the body;
     * a client still writing may see the reset instead of the answer. A new attempt gets a new
     * connection; the assertion is on the answer.
     */
    private HttpResponse<String> sendRefusedBody(byte[] body) {
        java.io.UncheckedIOException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            try {
                return t.send("push", body, TestWebhookReceiver.signature(secret, body), "big-" + attempt);
            } catch (java.io.UncheckedIOException reset) {
                last = reset;
            }
        }
        throw last;
    }

    @Test
    void oneRepositorysSecretNeverDeploysAnotherRepositorysApp() {
        String other = t.app("other", "acme/other", "main");
        int before = t.deploymentCount("other");
        String body = push("acme/shop", "refs/heads/main", SHA2).replace("{", "{\"claims\":\"acme/other\",");
        HttpResponse<String> r = t.deliver("push", body, secret);
        assertEquals(202, r.statusCode(), r.body());
        assertTrue(!read(r.body()).get("status").asText().equals("queued"), r.body());
        assertEquals(before, t.deploymentCount("other"));
        assertTrue(other.length() >= 16);
    }

    @Test
    void aWebhookSecretInTheSourceConfigVerifiesToo() {
        String own = "source-config-secret-0123456789";
        String dir = t.pipeline.dir.toString();
        var body = new java.util.LinkedHashMap<String, Object>();
        body.put("project", "shop");
        body.put("name", "insource");
        body.put("source", java.util.Map.of("type", "repo-source", "config", java.util.Map.of("url",
                "git@github.com:acme/insource.git", "branch", "main", "dir", dir, "webhookSecret", own)));
        body.put("builder", java.util.Map.of("type", "test-builder", "config", java.util.Map.of("dir", dir)));
        body.put("deployer", java.util.Map.of("type", "test-deployer", "config", java.util.Map.of("dir", dir)));
        body.put("health", java.util.Map.of("type", "test-health", "config", java.util.Map.of("dir", dir)));
        io.slipway.core.pipeline.PipelineTestSupport.ok(t.pipeline.server.postJson("/api/v1/apps",
                io.slipway.core.pipeline.PipelineTestSupport.write(body)), 201);
        HttpResponse<String> r = t.deliver("push", push("acme/insource", "refs/heads/main", SHA), own);
        assertEquals(202, r.statusCode(), r.body());
        assertEquals("queued", read(r.body()).get("status").asText());
        assertEquals(401, t.deliver("push", push("acme/insource", "refs/heads/main", SHA2), "wrong-secret-wrong")
                .statusCode());
    }

    @Test
    void anAppWithoutSecretRefusesDeliveriesWith401() {
        t.app("nosecret", "acme/nosecret", "main");
        t.pipeline.server.send("DELETE", "/api/v1/apps/nosecret/webhook-secret", null);
        HttpResponse<String> r = t.deliver("push", push("acme/nosecret", "refs/heads/main", SHA), "anything-at-all-1234");
        assertEquals(401, r.statusCode(), r.body());
        assertTrue(read(r.body()).get("error").get("message").asText().contains("webhook-secret"), r.body());
        assertEquals(0, t.deploymentCount("nosecret"));
    }

    @Test
    void getIsA405InTheErrorShape() {
        var r = t.pipeline.server.asAnonymous().get("/hooks/hooktest");
        assertEquals(405, r.statusCode(), r.body());
        assertEquals("method_not_allowed", read(r.body()).get("error").get("code").asText());
    }

    @Test
    void unknownPluginIsA404InTheErrorShape() {
        var r = t.pipeline.server.asAnonymous().postJson("/hooks/nosuchplugin", "{}");
        assertEquals(404, r.statusCode(), r.body());
        assertEquals("no_receiver", read(r.body()).get("error").get("code").asText());
    }

    @Test
    void redeliveryAnswersDuplicateAndDeploysOnce() {
        String body = push("acme/shop", "refs/heads/main", SHA2);
        HttpResponse<String> first = t.deliver("push", body, secret, "redelivered-1");
        assertEquals(202, first.statusCode(), first.body());
        int after = t.deploymentCount("web");
        HttpResponse<String> again = t.deliver("push", body, secret, "redelivered-1");
        assertEquals(200, again.statusCode(), again.body());
        assertEquals("duplicate", read(again.body()).get("status").asText());
        assertEquals(after, t.deploymentCount("web"));
    }

    @Test
    void identicalConcurrentDeliveriesDeployExactlyOnce() throws Exception {
        int before = t.deploymentCount("web");
        String body = push("acme/shop", "refs/heads/main", SHA2);
        int n = 8;
        List<Integer> statuses = concurrently(n, i -> t.deliver("push", body, secret, "concurrent-1")).stream()
                .map(HttpResponse::statusCode).toList();
        assertEquals(1, statuses.stream().filter(s -> s == 202).count(), statuses.toString());
        assertEquals(n - 1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        assertEquals(before + 1, t.deploymentCount("web"));
    }

    /** Runs {@code n} calls at once (released together) and returns their answers in order. */
    private static List<HttpResponse<String>> concurrently(int n, java.util.function.IntFunction<HttpResponse<String>> call)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                int k = i;
                answers.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    return call.apply(k);
                }, pool));
            }
            go.countDown();
            List<HttpResponse<String>> out = new ArrayList<>();
            for (var a : answers) {
                out.add(a.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Pushes committed in one group supersede each other once, for the group, as one by one they would. */
    @Test
    void concurrentPushesToOneAppLeaveOnlyTheNewestQueuedAndNameItInTheOthers() throws Exception {
        String burst = t.app("burst", "acme/burst", "main");
        List<Long> ids = new ArrayList<>();
        for (HttpResponse<String> r : concurrently(12, i -> t.deliver("push", push("acme/burst", "refs/heads/main",
                String.format("%040x", i + 1)), burst))) {
            assertEquals(202, r.statusCode(), r.body());
            ids.add(read(r.body()).get("deployments").get(0).asLong());
        }
        long newest = ids.stream().mapToLong(Long::longValue).max().orElseThrow();
        List<JsonNode> ended = ids.stream().map(t.pipeline::awaitFinal).toList();
        assertEquals("ACTIVE", t.pipeline.get(newest).get("phase").asText(), t.pipeline.log(newest));
        for (JsonNode d : ended) {
            long id = d.get("id").asLong();
            String phase = d.get("phase").asText();
            assertTrue(!phase.equals("FAILED") && !phase.equals("CANCELLED"), d.toString());
            if (phase.equals("SUPERSEDED")) {
                long by = Long.parseLong(d.get("error").asText().replaceAll("\\D+", ""));
                assertTrue(by > id && ids.contains(by), d.toString());
                assertTrue(t.pipeline.log(id).contains("Superseded by deployment " + by), t.pipeline.log(id));
            }
        }
    }

    @Test
    void branchWithShellOrPathCharactersDeploysNothing() {
        t.rules("web", "{\"rules\": [{\"branch\": \"**\", \"environment\": \"staging\"}]}");
        try {
            int before = t.deploymentCount("web");
            for (String ref : List.of("refs/heads/main;touch${IFS}/tmp/slipway-pwned", "refs/heads/../../etc/passwd",
                    "refs/heads/$(touch /tmp/slipway-pwned)", "refs/heads/a`id`", "refs/heads/x\ny")) {
                HttpResponse<String> r = t.deliver("push", push("acme/shop", ref, SHA2), secret);
                assertEquals(202, r.statusCode(), r.body());
                assertEquals("ignored", read(r.body()).get("status").asText(), r.body());
            }
            assertEquals(before, t.deploymentCount("web"));
            assertTrue(!java.nio.file.Files.exists(java.nio.file.Path.of("/tmp/slipway-pwned")));
        } finally {
            t.pipeline.server.send("DELETE", "/api/v1/apps/web/rules", null);
        }
    }

    @Test
    void pushToAnotherBranchIsIgnoredByTheDefaultRule() {
        int before = t.deploymentCount("web");
        HttpResponse<String> r = t.deliver("push", push("acme/shop", "refs/heads/feature/x", SHA2), secret);
        assertEquals(202, r.statusCode(), r.body());
        assertEquals("ignored", read(r.body()).get("status").asText());
        assertEquals(before, t.deploymentCount("web"));
    }

    @Test
    void secretCanBeSetAndIsNeverShownAgain() {
        var s = t.pipeline.server;
        assertEquals(400, s.send("PUT", "/api/v1/apps/web/webhook-secret", "{\"secret\": \"short\"}").statusCode());
        var r = s.get("/api/v1/apps/web/webhook-secret");
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(read(r.body()).get("set").asBoolean());
        assertTrue(!r.body().contains(secret));
        assertEquals(404, s.get("/api/v1/apps/nosuchapp/webhook-secret").statusCode());
    }
}
