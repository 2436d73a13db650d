package io.slipway.war;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slipway.plugin.testkit.RequiresExternal;
import io.slipway.war.testing.DeploymentsApi;
import io.slipway.war.testing.DockerCli;
import io.slipway.war.testing.GitRepo;
import io.slipway.war.testing.RouterClient;
import io.slipway.war.testing.RouterTraffic;
import io.slipway.war.testing.SlipwayProcess;
import io.slipway.war.testing.WarStack;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Zero downtime under load: 20 consecutive redeploys of a tiny busybox app while one client sends
 * requests through the router back to back, and not one request fails. The server runs with
 * {@code SLIPWAY_LOG_FORMAT=json}: its output is one JSON object per line, pipeline lines carry
 * their deployment's id and every answer an {@code X-Request-Id}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ZeroDowntimeRedeployTest {
    private static final String BASE_IMAGE = "slipway-test/busybox:latest";
    private static final Duration DEPLOY_TIMEOUT = Duration.ofSeconds(60);
    private static final int REDEPLOYS = 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DockerCli docker = DockerCli.local();
    private final String app = "zd-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 6);
    private WarStack stack;
    private SlipwayProcess slipway;
    private DeploymentsApi api;
    private boolean ready;

    @BeforeAll
    void start() throws Exception {
        ready = docker.answers() && docker.hasImage(BASE_IMAGE);
        if (!ready) {
            return; // each test says why it is skipped
        }
        stack = WarStack.withGit(docker, "zd", SlipwayProcess.builder().name("zero-downtime").dockerHost(docker)
                .env("SLIPWAY_LOG_FORMAT", "json")
                // Old releases go 1 s after a switch: 20 redeploys leave few containers behind at once.
                .jvmArg("-Dslipway.pipeline.retireGraceMillis=1000"));
        stack.removeAfter(app);
        slipway = stack.slipway();
        api = stack.api();
        commit("v0");
        HttpResponse<String> created = slipway.postJson("/api/v1/apps", "{\"project\": \"zd\", \"name\": \"" + app + "\","
                + " \"source\": {\"type\": \"git\", \"config\": {\"url\": \"" + stack.git().url(app)
                + "\", \"branch\": \"main\"}},"
                + " \"builder\": {\"type\": \"dockerfile\", \"config\": {\"dockerfile\": \"Dockerfile\"}},"
                + " \"deployer\": {\"type\": \"docker\", \"config\": {\"port\": 8080, \"stopGraceSeconds\": 1}},"
                + " \"health\": {\"type\": \"http\", \"config\": {\"path\": \"/\", \"intervalSeconds\": 0.2,"
                + " \"timeoutSeconds\": 2, \"retries\": 20}}}");
        assertEquals(201, created.statusCode(), created.body());
    }

    @BeforeEach
    void requireDocker() {
        RequiresExternal.require("A Docker engine with the test base image " + BASE_IMAGE, ready,
                "start one and build the image with `source .ci/test-env.sh`");
    }

    @AfterAll
    void cleanUp() throws Exception {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void twentyRedeploysUnderTrafficFailNoRequestAndLogJsonWithDeploymentIds() throws Exception {
        long first = deploy();
        awaitServed("v0");

        RouterTraffic traffic = RouterTraffic.start(stack.router(), app + ".localhost", "hello v", Integer.MAX_VALUE,
                Duration.ofSeconds(300));
        List<Long> ids = new ArrayList<>(List.of(first));
        long began = System.nanoTime();
        try {
            for (int i = 1; i <= REDEPLOYS; i++) {
                commit("v" + i); // a new page each time: the switch is seen, the build stays one cached FROM + COPY
                ids.add(deploy());
            }
            Thread.sleep(1_500); // past the retire grace: the last old release goes while requests keep coming
        } finally {
            traffic.stop();
        }
        System.out.printf("[zero-downtime] %d redeploys in %d ms; %d requests served, %d failed, %d versions seen%n",
                REDEPLOYS, (System.nanoTime() - began) / 1_000_000, traffic.ok.get(), traffic.failures.get(),
                traffic.versionsSeen.get());
        assertEquals(0, traffic.failures.get(), "failed requests: first " + traffic.firstFailure.get());
        assertTrue(traffic.versionsSeen.get() >= REDEPLOYS / 2,
                "the requests must span the redeploys: " + traffic.versionsSeen.get() + " versions seen");
        assertTrue(stack.router().get(app + ".localhost", "/").body().contains("v" + REDEPLOYS));

        // JSON logs: every line an object; each deployment's "live" line carries its id.
        List<JsonNode> lines = jsonLines();
        for (long id : ids) {
            assertTrue(lines.stream().anyMatch(l -> Long.toString(id).equals(l.path("mdc").path("deploymentId").asText())
                            && l.path("formattedMessage").asText().startsWith("Deployment " + id + " of app " + app)),
                    "no JSON line with deploymentId " + id);
        }
        HttpResponse<String> answered = slipway.send(HttpRequest.newBuilder(slipway.uri("/api/v1/apps/" + app))
                .header("X-Request-Id", "zd-check-1").GET().build());
        assertEquals(Optional.of("zd-check-1"), answered.headers().firstValue("X-Request-Id"));
    }

    private List<JsonNode> jsonLines() {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : slipway.log().lines().toList()) {
            if (line.isBlank() || line.startsWith("slipway launcher:")) {
                continue; // the launcher prints before logging exists
            }
            try {
                lines.add(JSON.readTree(line));
            } catch (IOException e) {
                throw new AssertionError("not a JSON log line: " + line, e);
            }
        }
        return lines;
    }

    private void commit(String version) {
        try (GitRepo repo = GitRepo.open(stack.repos().resolve(app))) {
            repo.commit(version, Map.of(
                    "Dockerfile", "FROM " + BASE_IMAGE + "\nCOPY index.html /www/index.html\n"
                            + "CMD [\"httpd\", \"-f\", \"-p\", \"8080\", \"-h\", \"/www\"]\n",
                    "index.html", "hello " + version + "\n"));
        }
    }

    private long deploy() {
        long id = api.deploy(app);
        String end = api.awaitEnd(id, DEPLOY_TIMEOUT);
        assertEquals("ACTIVE", end, "deployment " + id + ": " + api.get(id) + "\nLog:\n" + api.log(id));
        return id;
    }

    private void awaitServed(String version) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                RouterClient.Reply r = stack.router().get(app + ".localhost", "/");
                last = r.status() + " " + r.body();
                if (r.status() == 200 && r.body().contains("hello " + version)) {
                    return;
                }
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the router did not serve " + version + "; last reply: " + last);
    }
}
