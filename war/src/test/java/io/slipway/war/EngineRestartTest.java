package io.slipway.war;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.plugin.testkit.RequiresExternal;
import io.slipway.war.testing.DeploymentsApi;
import io.slipway.war.testing.DockerCli;
import io.slipway.war.testing.GitHttpServer;
import io.slipway.war.testing.GitRepo;
import io.slipway.war.testing.PrivateEngine;
import io.slipway.war.testing.RouterClient;
import io.slipway.war.testing.SlipwayProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The Docker engine restarts while a build runs: the deployment ends FAILED with a reason naming
 * the engine, the app's running release answers through the router again (its restart policy),
 * and the next deployment succeeds. The engine is one of this test's own
 * ({@link PrivateEngine}): restarting the engine the other tests share would break them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EngineRestartTest {
    private static final String BASE_IMAGE = "slipway-test/busybox:latest";
    private static final Duration DEPLOY_TIMEOUT = Duration.ofSeconds(60);
    private static final String APP = "engine-restart";

    private final DockerCli shared = DockerCli.local();
    private boolean ready;
    private PrivateEngine engine;
    private Path repos;
    private GitHttpServer git;
    private SlipwayProcess slipway;
    private DeploymentsApi api;

    @BeforeAll
    void start() throws Exception {
        ready = PrivateEngine.canRun() && shared.answers() && shared.hasImage(BASE_IMAGE);
        if (!ready) {
            return; // the test says why it is skipped
        }
        engine = PrivateEngine.start();
        engine.copyImage(shared.host(), BASE_IMAGE);
        repos = Files.createTempDirectory(SlipwayProcess.itDir("repos"), "engine-restart-");
        git = GitHttpServer.start(repos);
        slipway = SlipwayProcess.builder().name("engine-restart").env("DOCKER_HOST", engine.host()).start();
        slipway.awaitHealthy(Duration.ofSeconds(60));
        api = new DeploymentsApi(slipway);
        assertEquals(201, slipway.postJson("/api/v1/projects", "{\"name\": \"er\"}").statusCode());
    }

    @BeforeEach
    void requireEngine() {
        RequiresExternal.require("Root, dockerd and the test base image " + BASE_IMAGE + " on the shared engine", ready,
                "run as root with docker.io installed and `source .ci/test-env.sh`");
    }

    @AfterAll
    void cleanUp() throws Exception {
        try {
            if (slipway != null) {
                slipway.close();
            }
            if (git != null) {
                git.close();
            }
        } finally {
            if (engine != null) {
                engine.close();
            }
        }
    }

    @Test
    void aBuildCutByAnEngineRestartFailsNamingTheEngineTheRunningReleaseReturnsAndTheNextDeploymentSucceeds() throws Exception {
        commit("first release", "");
        java.net.http.HttpResponse<String> created = slipway.postJson("/api/v1/apps", "{\"project\": \"er\", \"name\": \"" + APP + "\","
                + " \"source\": {\"type\": \"git\", \"config\": {\"url\": \"" + git.url(APP) + "\", \"branch\": \"main\"}},"
                + " \"builder\": {\"type\": \"dockerfile\", \"config\": {\"dockerfile\": \"Dockerfile\"}},"
                + " \"deployer\": {\"type\": \"docker\", \"config\": {\"port\": 8080, \"stopGraceSeconds\": 1}},"
                + " \"health\": {\"type\": \"http\", \"config\": {\"path\": \"/\", \"intervalSeconds\": 0.2,"
                + " \"timeoutSeconds\": 2, \"retries\": 20}}}");
        assertEquals(201, created.statusCode(), created.body());
        long first = api.deploy(APP);
        assertEquals("ACTIVE", api.awaitEnd(first, DEPLOY_TIMEOUT), api.get(first) + "\n" + api.log(first));
        RouterClient router = new RouterClient(slipway.routerPort());

        commit("slow build", "RUN sleep 30\n");
        long cut = api.deploy(APP);
        awaitLogLine(cut, "sleep 30");

        engine.stop();
        engine.startAgain();
        assertEquals("FAILED", api.awaitEnd(cut, DEPLOY_TIMEOUT), api.get(cut) + "\n" + api.log(cut));
        String error = DeploymentsApi.text(api.get(cut), "error").orElse("");
        System.out.printf("[engine-restart] the cut build failed with: %s%n", error);
        assertTrue(error.contains("BUILDING") && error.toLowerCase(Locale.ROOT).contains("engine"), error);
        long back = System.nanoTime();
        awaitServed(router, "first release");
        System.out.printf("[engine-restart] the running release answered again %d ms after the failure%n",
                (System.nanoTime() - back) / 1_000_000);

        commit("quick build", "");
        long next = api.deploy(APP);
        assertEquals("ACTIVE", api.awaitEnd(next, DEPLOY_TIMEOUT), api.get(next) + "\n" + api.log(next));
        awaitServed(router, "quick build");
    }

    private void commit(String message, String extraStep) {
        try (GitRepo repo = GitRepo.open(repos.resolve(APP))) {
            repo.commit(message, Map.of("Dockerfile", "FROM " + BASE_IMAGE + "\n" + extraStep
                            + "COPY index.html /www/index.html\nCMD [\"httpd\", \"-f\", \"-p\", \"8080\", \"-h\", \"/www\"]\n",
                    "index.html", message + "\n"));
        }
    }

    private static void awaitServed(RouterClient router, String text) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                RouterClient.Reply r = router.get(APP + ".localhost", "/");
                last = r.status() + " " + r.body();
                if (r.status() == 200 && r.body().contains(text)) {
                    return;
                }
            } catch (java.io.IOException e) {
                last = e.toString();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the router did not serve '" + text + "'; last reply: " + last);
    }

    private void awaitLogLine(long id, String text) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!api.log(id).contains(text)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the build never reached '" + text + "':\n" + api.log(id));
            }
            Thread.sleep(100);
        }
    }
}
