package io.slipway.war;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.war.testing.DeploymentsApi;
import io.slipway.war.testing.DockerCli;
import io.slipway.war.testing.GitRepo;
import io.slipway.plugin.testkit.RequiresExternal;
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
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The first real deploy, end to end: the built war as a process, the bundled git and docker
 * plugins, a real Docker engine, a git repository served over HTTP from this JVM, the app router.
 * Push, deploy, switch under load, a failing health check, a rollback without a build, deletion;
 * then one small test per kind of bad input. Everything it creates on the engine is labelled
 * {@code slipway.app=<app>} and removed in {@link #cleanUp()}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FirstRealDeployTest {
    private static final String BASE_IMAGE = "slipway-test/busybox:latest";
    private static final Duration DEPLOY_TIMEOUT = Duration.ofSeconds(90);
    private static final String HTTPD = "CMD [\"httpd\", \"-f\", \"-p\", \"8080\", \"-h\", \"/www\"]\n";

    private final DockerCli docker = DockerCli.local();
    private final String run = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 6);
    private int apps;
    private WarStack stack;
    private SlipwayProcess slipway;
    private DeploymentsApi api;

    private boolean engineAnswers;
    private boolean baseImagePresent;

    @BeforeAll
    void start() throws Exception {
        engineAnswers = docker.answers();
        baseImagePresent = engineAnswers && docker.hasImage(BASE_IMAGE);
        if (!baseImagePresent) {
            return; // each test says why it is skipped (a class-level abort shows no reason in Maven's summary)
        }
        stack = WarStack.withGit(docker, "e2e", SlipwayProcess.builder().name("first-deploy").dockerHost(docker)
                // Old releases go 2 s after a switch instead of 5: the suite stays short.
                .jvmArg("-Dslipway.pipeline.retireGraceMillis=2000"));
        slipway = stack.slipway();
        api = stack.api();
    }

    @BeforeEach
    void requireDocker() {
        RequiresExternal.require("A Docker engine", engineAnswers,
                "start one with `source .ci/test-env.sh` (or set DOCKER_HOST)");
        RequiresExternal.require("The test base image " + BASE_IMAGE, baseImagePresent,
                "build it with `source .ci/test-env.sh`");
    }

    @AfterAll
    void cleanUp() throws Exception {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void deploysSwitchesWithoutDroppingRequestsSurvivesABadReleaseRollsBackAndDeletes() throws Exception {
        String app = newApp();
        commitTo(app, "v1", Map.of("Dockerfile", dockerfile(HTTPD), "index.html", "hello v1\n"));
        createApp(app, stack.git().url(app), "main", httpHealth());
        String host = app + ".localhost";

        long v1 = timed("deploy v1", () -> deployAndExpect(app, "ACTIVE"));
        awaitServed(host, "hello v1");

        commitTo(app, "v2", Map.of("index.html", "hello v2\n"));
        RouterTraffic traffic = RouterTraffic.start(stack.router(), host, "hello v", 20_000, Duration.ofSeconds(120));
        long v2;
        try {
            v2 = timed("deploy v2 under traffic", () -> deployAndExpect(app, "ACTIVE"));
            Thread.sleep(3_000); // past the retire grace: the old release goes while requests keep coming
        } finally {
            traffic.stop();
        }
        System.out.printf("[first-deploy] requests through the switch: %d served v1, %d served v2, %d failed%n",
                traffic.served("hello v1"), traffic.ok.get() - traffic.served("hello v1"), traffic.failures.get());
        assertEquals(0, traffic.failures.get(), "failed requests during the switch: " + traffic.firstFailure.get());
        assertTrue(traffic.served("hello v1") > 0 && traffic.ok.get() - traffic.served("hello v1") > 0,
                "the requests must span the switch: " + traffic.served("hello v1") + " of " + traffic.ok.get() + " served v1");
        assertTrue(traffic.last.get().contains("hello v2"), traffic.last.get());
        assertTrue(stack.router().get(host, "/").body().contains("hello v2"));
        awaitGone(List.of("label=slipway.app=" + app, "label=slipway.deployment=" + v1), "v1's retired container");

        commitTo(app, "v3 listens on the wrong port", Map.of("Dockerfile",
                dockerfile("CMD [\"httpd\", \"-f\", \"-p\", \"9090\", \"-h\", \"/www\"]\n")));
        long v3 = timed("deploy v3 (unhealthy)", () -> deployAndExpect(app, "FAILED"));
        String v3Log = api.log(v3);
        assertTrue(v3Log.contains("[HEALTH_CHECKING]") && v3Log.contains("The health check failed"), v3Log);
        assertTrue(DeploymentsApi.text(api.get(v3), "error").orElse("").contains("health check failed"), api.get(v3));
        assertTrue(stack.router().get(host, "/").body().contains("hello v2"), "v2 must keep serving");
        assertEquals(List.of(), containers("label=slipway.app=" + app, "label=slipway.deployment=" + v3),
                "v3's container must be removed");

        List<String> imagesBefore = docker.lines("images", "-q", "--filter", "label=slipway.app=" + app);
        long back = timed("roll back to v1", () -> {
            long id = api.rollback(v1);
            assertEquals("ACTIVE", api.awaitEnd(id, DEPLOY_TIMEOUT), api.log(id));
            return id;
        });
        awaitServed(host, "hello v1");
        String rollback = api.get(back);
        String rollbackLog = api.log(back);
        assertEquals(DeploymentsApi.text(api.get(v1), "artifact"), DeploymentsApi.text(rollback, "artifact"), rollback);
        assertEquals("rollback", DeploymentsApi.text(rollback, "trigger").orElse(""), rollback);
        assertFalse(rollbackLog.contains("[FETCHING_SOURCE]") || rollbackLog.contains("[BUILDING]"),
                "a rollback fetches and builds nothing:\n" + rollbackLog);
        assertEquals(imagesBefore, docker.lines("images", "-q", "--filter", "label=slipway.app=" + app),
                "a rollback builds no image");

        HttpResponse<String> deleted = slipway.delete("/api/v1/apps/" + app);
        assertEquals(204, deleted.statusCode(), deleted.body());
        awaitGone(List.of("label=slipway.app=" + app), "the app's containers");
        awaitStatus(host, 404);
        // The deployer removes the app's images and its own network; named volumes (data) stay.
        assertEquals(List.of(), docker.lines("images", "-q", "--filter", "label=slipway.app=" + app),
                "the app's images must be removed with it");
        assertEquals(List.of(), docker.lines("network", "ls", "-q", "--filter", "label=slipway.app=" + app),
                "the app's network must be removed with it");
        // Other tests' apps share the project's network; with none running, it goes too.
        if (docker.lines("ps", "-q", "--filter", "network=slipway-e2e").isEmpty()) {
            assertEquals(List.of(), docker.lines("network", "ls", "-q", "--filter", "name=^slipway-e2e$"),
                    "the project's network must be removed with its last app");
        }
    }

    @Test
    void rejectsALocalGitUrlNamingTheField() {
        String app = newApp();
        HttpResponse<String> r = slipway.postJson("/api/v1/apps", appJson(app, "file:///etc", "main", httpHealth()));
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.body().contains("source.config.url"), r.body());
        // Refused unless an admin allows the policy git.localPaths (off on a fresh server).
        assertTrue(r.body().contains("local repositories are not allowed on this server"), r.body());
    }

    @Test
    void deploysFromALocalRepositoryOnlyWhileAnAdminAllowsIt() {
        String app = newApp();
        commitTo(app, "v1", Map.of("Dockerfile", dockerfile(HTTPD), "index.html", "local\n"));
        String path = stack.repos().resolve(app).toString();
        assertEquals(400, slipway.postJson("/api/v1/apps", appJson(app, path, "main", httpHealth())).statusCode());
        try {
            assertEquals(200, settings("{\"git.localPaths\": true}").statusCode());
            createApp(app, path, "main", httpHealth());
            deployAndExpect(app, "ACTIVE");
        } finally {
            assertEquals(200, settings("{\"git.localPaths\": false}").statusCode());
        }
        long refused = api.deploy(app);
        assertEquals("FAILED", api.awaitEnd(refused, DEPLOY_TIMEOUT));
        assertTrue(api.log(refused).contains("local repositories are not allowed on this server"), api.log(refused));
    }

    private HttpResponse<String> settings(String json) {
        return slipway.send(HttpRequest.newBuilder(slipway.uri("/api/v1/settings"))
                .header("Content-Type", "application/json").method("PATCH", HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    @Test
    void failsOnAnUnknownBranchNamingBranchAndUrl() {
        String app = newApp();
        commitTo(app, "v1", Map.of("Dockerfile", dockerfile(HTTPD), "index.html", "x\n"));
        createApp(app, stack.git().url(app), "nope", httpHealth());
        long id = deployAndExpect(app, "FAILED");
        String expected = "branch nope not found in " + stack.git().url(app);
        assertTrue(api.get(id).contains(expected), api.get(id));
    }

    @Test
    void failsWithoutADockerfileNamingItsPath() {
        String app = newApp();
        commitTo(app, "no Dockerfile", Map.of("index.html", "x\n"));
        createApp(app, stack.git().url(app), "main", httpHealth());
        long id = deployAndExpect(app, "FAILED");
        String error = DeploymentsApi.text(api.get(id), "error").orElse("");
        assertTrue(error.contains("BUILDING") && error.contains("No Dockerfile at 'Dockerfile'"), error);
    }

    @Test
    void failsOnABuildErrorWithTheFailingStepInTheLog() {
        String app = newApp();
        commitTo(app, "broken", Map.of("Dockerfile",
                "FROM " + BASE_IMAGE + "\nRUN false\n" + HTTPD));
        createApp(app, stack.git().url(app), "main", httpHealth());
        long id = deployAndExpect(app, "FAILED");
        String log = api.log(id);
        assertTrue(log.contains("[BUILDING]") && log.contains("RUN false"), log);
        assertTrue(DeploymentsApi.text(api.get(id), "error").orElse("").contains("The build failed"), api.get(id));
        assertEquals(List.of(), containers("label=slipway.app=" + app), "nothing may run");
    }

    @Test
    void failsTheHealthCheckWhenThePortIsNotOpen() {
        String app = newApp();
        commitTo(app, "sleeps", Map.of("Dockerfile",
                "FROM " + BASE_IMAGE + "\nCMD [\"sleep\", \"600\"]\n"));
        createApp(app, stack.git().url(app), "main",
                "{\"type\": \"tcp\", \"config\": {\"intervalSeconds\": 0.5, \"timeoutSeconds\": 1, \"retries\": 3}}");
        long id = deployAndExpect(app, "FAILED");
        String error = DeploymentsApi.text(api.get(id), "error").orElse("");
        assertTrue(error.contains("HEALTH_CHECKING") && error.contains("health check failed"), error);
        assertEquals(List.of(), containers("label=slipway.app=" + app), "the unhealthy release must be removed");
    }

    // ---- helpers -------------------------------------------------------------------------

    /** A new app name for this run (DNS label; unique on a shared engine), cleaned up afterwards. */
    private String newApp() {
        apps++;
        return stack.removeAfter("fd" + apps + "-" + run);
    }

    /** Commits files to repository {@code app} (created on first use): a push to its main branch. */
    private void commitTo(String app, String message, Map<String, String> files) {
        try (GitRepo repo = GitRepo.open(stack.repos().resolve(app))) {
            repo.commit(message, files);
        }
    }

    private static String dockerfile(String cmd) {
        return "FROM " + BASE_IMAGE + "\nCOPY index.html /www/index.html\n" + cmd;
    }

    private static String httpHealth() {
        return "{\"type\": \"http\", \"config\": {\"path\": \"/\", \"intervalSeconds\": 0.5, \"timeoutSeconds\": 2, "
                + "\"retries\": 8}}";
    }

    private static String appJson(String app, String url, String branch, String health) {
        return "{\"project\": \"e2e\", \"name\": \"" + app + "\","
                + " \"source\": {\"type\": \"git\", \"config\": {\"url\": \"" + url + "\", \"branch\": \"" + branch + "\"}},"
                + " \"builder\": {\"type\": \"dockerfile\", \"config\": {\"dockerfile\": \"Dockerfile\"}},"
                + " \"deployer\": {\"type\": \"docker\", \"config\": {\"port\": 8080, \"stopGraceSeconds\": 1}},"
                + " \"health\": " + health + "}";
    }

    private void createApp(String app, String url, String branch, String health) {
        HttpResponse<String> r = slipway.postJson("/api/v1/apps", appJson(app, url, branch, health));
        assertEquals(201, r.statusCode(), r.body());
    }

    private long deployAndExpect(String app, String phase) {
        long id = api.deploy(app);
        String end = api.awaitEnd(id, DEPLOY_TIMEOUT);
        assertEquals(phase, end, "deployment " + id + " of " + app + ": " + api.get(id) + "\nLog:\n" + api.log(id));
        return id;
    }

    private List<String> containers(String... filters) {
        List<String> args = new ArrayList<>(List.of("ps", "-a", "-q"));
        for (String f : filters) {
            args.add("--filter");
            args.add(f);
        }
        return docker.lines(args.toArray(String[]::new));
    }

    private void awaitGone(List<String> filters, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<String> left = containers(filters.toArray(String[]::new));
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(250);
            left = containers(filters.toArray(String[]::new));
        }
        assertEquals(List.of(), left, what + " must be removed");
    }

    private void awaitServed(String host, String text) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                RouterClient.Reply r = stack.router().get(host, "/");
                last = r.status() + " " + r.body();
                if (r.status() == 200 && r.body().contains(text)) {
                    return;
                }
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("The router did not serve '" + text + "' for " + host + "; last reply: " + last);
    }

    private void awaitStatus(String host, int status) throws Exception {
        long start = System.nanoTime();
        long deadline = start + Duration.ofSeconds(15).toNanos();
        RouterClient.Reply r = stack.router().get(host, "/");
        List<Integer> seen = new ArrayList<>();
        while (r.status() != status && System.nanoTime() < deadline) {
            if (!seen.contains(r.status())) {
                seen.add(r.status());
            }
            Thread.sleep(100);
            r = stack.router().get(host, "/");
        }
        System.out.printf("[first-deploy] router answered %d for %s after %d ms (before: %s)%n", r.status(), host,
                (System.nanoTime() - start) / 1_000_000, seen);
        assertEquals(status, r.status(), "router reply for " + host + ": " + r.body());
    }

    private interface Step {
        long run() throws Exception;
    }

    private static long timed(String what, Step step) throws Exception {
        long start = System.nanoTime();
        long result = step.run();
        System.out.printf("[first-deploy] %s: %d ms%n", what, (System.nanoTime() - start) / 1_000_000);
        return result;
    }
}
