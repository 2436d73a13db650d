package io.slipway.war;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.plugin.testkit.RequiresExternal;
import io.slipway.war.testing.BusyboxSite;
import io.slipway.war.testing.DeploymentsApi;
import io.slipway.war.testing.DockerCli;
import io.slipway.war.testing.PrivateEngine;
import io.slipway.war.testing.RouterClient;
import io.slipway.war.testing.SlipwayProcess;
import io.slipway.war.testing.WarStack;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The Docker engine restarts while a build runs, or while a new release's health check runs: the
 * deployment ends FAILED with a reason naming the engine, the app's running release answers through
 * the router again (its restart policy), and the next deployment succeeds. The engine is one of this test's own
 * ({@link PrivateEngine}): restarting the engine the other tests share would break them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EngineRestartTest {
    private static final Duration DEPLOY_TIMEOUT = Duration.ofSeconds(60);
    private static final String APP = "engine-restart";

    private final DockerCli shared = DockerCli.local();
    private boolean ready;
    private PrivateEngine engine;
    private WarStack stack;
    private SlipwayProcess slipway;
    private DeploymentsApi api;

    @BeforeAll
    void start() throws Exception {
        ready = PrivateEngine.canRun() && shared.answers() && shared.hasImage(BusyboxSite.BASE_IMAGE);
        if (!ready) {
            return; // the test says why it is skipped
        }
        engine = PrivateEngine.start();
        engine.copyImage(shared.host(), BusyboxSite.BASE_IMAGE);
        // The apps run on the private engine, which goes with all of them: the stack registers none.
        stack = WarStack.withGit(shared, "er", SlipwayProcess.builder().name("engine-restart")
                .env("DOCKER_HOST", engine.host()));
        slipway = stack.slipway();
        api = stack.api();
    }

    @BeforeEach
    void requireEngine() {
        RequiresExternal.require("Root, dockerd and the test base image " + BusyboxSite.BASE_IMAGE
                + " on the shared engine", ready,
                "run as root with docker.io installed and `source .ci/test-env.sh`");
    }

    @AfterAll
    void cleanUp() throws Exception {
        try (PrivateEngine own = engine; WarStack started = stack) {
            // closes the stack, then the engine (a null one is skipped)
        }
    }

    @Test
    void aBuildCutByAnEngineRestartFailsNamingTheEngineTheRunningReleaseReturnsAndTheNextDeploymentSucceeds() throws Exception {
        RouterClient router = createAppServing(APP);

        commit(APP, "slow build", "RUN sleep 30\n" + BusyboxSite.HTTPD);
        long cut = api.deploy(APP);
        awaitLogLine(cut, "sleep 30");

        restartEngineThenExpectFailureNaming(APP, cut, "BUILDING", router);
    }

    @Test
    void aHealthCheckCutByAnEngineRestartFailsNamingTheEngineTheRunningReleaseReturnsAndTheNextDeploymentSucceeds()
            throws Exception {
        String app = APP + "-hc";
        RouterClient router = createAppServing(app);

        // Healthy only 6 s after each start: the engine stops while the check still waits for it. The
        // check ends while the engine is away (its stop may take 10 s) or after it restarted the
        // release: either way the deployer's answer names the engine.
        commit(app, "slow start", "CMD [\"sh\", \"-c\", \"sleep 6; exec httpd -f -p 8080 -h /www\"]\n");
        long cut = api.deploy(app);
        awaitLogLine(cut, "== HEALTH_CHECKING");

        restartEngineThenExpectFailureNaming(app, cut, "HEALTH_CHECKING", router);
    }

    /** Creates {@code app} and deploys its first release; returns a client of the router that serves it. */
    private RouterClient createAppServing(String app) throws InterruptedException {
        commit(app, "first release", BusyboxSite.HTTPD);
        java.net.http.HttpResponse<String> created = slipway.postJson("/api/v1/apps",
                BusyboxSite.appJson("er", app, stack.git().url(app), 60));
        assertEquals(201, created.statusCode(), created.body());
        long first = api.deploy(app);
        assertEquals("ACTIVE", api.awaitEnd(first, DEPLOY_TIMEOUT), api.get(first) + "\n" + api.log(first));
        RouterClient router = new RouterClient(slipway.routerPort());
        router.awaitServing(app + ".localhost", "first release", Duration.ofSeconds(30));
        return router;
    }

    /**
     * Restarts the engine under deployment {@code cut} (in {@code phase}); it must fail naming the
     * engine, the first release must answer again and the next deployment must go live.
     */
    private void restartEngineThenExpectFailureNaming(String app, long cut, String phase, RouterClient router)
            throws Exception {
        long began = System.nanoTime();
        engine.stop();
        engine.startAgain();
        long restarted = System.nanoTime();
        assertEquals("FAILED", api.awaitEnd(cut, DEPLOY_TIMEOUT), api.get(cut) + "\n" + api.log(cut));
        String error = DeploymentsApi.text(api.get(cut), "error").orElse("");
        System.out.printf("[engine-restart] %s cut by an engine restart (%d ms) failed %d ms after it with: %s%n", phase,
                (restarted - began) / 1_000_000, (System.nanoTime() - restarted) / 1_000_000, error);
        assertTrue(error.contains(phase) && error.toLowerCase(Locale.ROOT).contains("engine"), error);
        Duration back = router.awaitServing(app + ".localhost", "first release", Duration.ofSeconds(30));
        System.out.printf("[engine-restart] the running release answered again %d ms after the failure%n", back.toMillis());

        commit(app, "quick build", BusyboxSite.HTTPD);
        long next = api.deploy(app);
        assertEquals("ACTIVE", api.awaitEnd(next, DEPLOY_TIMEOUT), api.get(next) + "\n" + api.log(next));
        router.awaitServing(app + ".localhost", "quick build", Duration.ofSeconds(30));
    }

    private void commit(String app, String message, String tail) {
        BusyboxSite.commit(stack.repos().resolve(app), message, tail);
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
