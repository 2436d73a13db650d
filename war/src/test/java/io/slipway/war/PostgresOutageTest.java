package io.slipway.war;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.plugin.testkit.RequiresExternal;
import io.slipway.war.testing.BusyboxSite;
import io.slipway.war.testing.DeploymentsApi;
import io.slipway.war.testing.DockerCli;
import io.slipway.war.testing.PrivatePostgres;
import io.slipway.war.testing.RouterClient;
import io.slipway.war.testing.SlipwayProcess;
import io.slipway.war.testing.WarStack;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The built war on PostgreSQL (a cluster of this test's own, {@link PrivatePostgres}: restarting
 * the shared one would break the other tests): the database goes away for about 5 s while a
 * deployment builds. The router keeps serving the active release all along, the deployment in
 * flight ends (failed or finished, not hung), and the next deployment goes live.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresOutageTest {
    private static final String APP = "pg-outage";
    private static final String HOST = APP + ".localhost";
    private static final Set<String> ENDS = Set.of("ACTIVE", "FAILED", "CANCELLED", "SUPERSEDED", "ROLLED_BACK");

    private final DockerCli docker = DockerCli.local();
    private boolean ready;
    private PrivatePostgres postgres;
    private WarStack stack;
    private SlipwayProcess slipway;
    private DeploymentsApi api;

    @BeforeAll
    void start() throws Exception {
        ready = PrivatePostgres.canRun() && docker.answers() && docker.hasImage(BusyboxSite.BASE_IMAGE);
        if (!ready) {
            return; // the test says why it is skipped
        }
        postgres = PrivatePostgres.start();
        stack = WarStack.withGit(docker, "pgo", SlipwayProcess.builder().name("pg-outage").dockerHost(docker)
                .env("SLIPWAY_DB_URL", postgres.jdbcUrl()).jvmArg("-Dslipway.pipeline.retireGraceMillis=1000"));
        stack.removeAfter(APP);
        slipway = stack.slipway();
        api = stack.api();
    }

    @BeforeEach
    void requirePostgresAndDocker() {
        RequiresExternal.require("PostgreSQL server binaries (/usr/lib/postgresql), a Docker engine and the test base image "
                + BusyboxSite.BASE_IMAGE, ready, "install postgresql and run `source .ci/test-env.sh`");
    }

    @AfterAll
    void cleanUp() throws Exception {
        try (PrivatePostgres database = postgres; WarStack started = stack) {
            // closes the stack, then the database (a null one is skipped)
        }
    }

    @Test
    void aDatabaseOutageDuringADeploymentEndsItTheRouterKeepsServingAndTheNextDeploymentGoesLive() throws Exception {
        commit("v1", BusyboxSite.HTTPD);
        HttpResponse<String> created = slipway.postJson("/api/v1/apps",
                BusyboxSite.appJson("pgo", APP, stack.git().url(APP), 50));
        assertEquals(201, created.statusCode(), created.body());
        long v1 = api.deploy(APP);
        assertEquals("ACTIVE", api.awaitEnd(v1, Duration.ofSeconds(60)), api.get(v1) + "\n" + api.log(v1));
        RouterClient router = new RouterClient(slipway.routerPort());
        router.awaitServing(HOST, "v1", Duration.ofSeconds(10));

        commit("slow build", "RUN sleep 6\n" + BusyboxSite.HTTPD);
        long inFlight = api.deploy(APP);
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!api.log(inFlight).contains("sleep 6") && System.nanoTime() < until) {
            Thread.sleep(100);
        }
        assertTrue(api.log(inFlight).contains("sleep 6"), api.log(inFlight));

        long down = System.nanoTime();
        postgres.stop();
        int served = 0;
        while (System.nanoTime() - down < Duration.ofSeconds(5).toNanos()) {
            RouterClient.Reply r = router.get(HOST, "/");
            assertTrue(r.status() == 200 && r.body().contains("v1"), "the router stopped serving v1 while the database "
                    + "was down: " + r.status() + " " + r.body());
            served++;
            Thread.sleep(100);
        }
        postgres.startAgain();
        long back = System.nanoTime();
        System.out.printf("[pg-outage] database down for %d ms; the router served v1 %d times meanwhile%n",
                (back - down) / 1_000_000, served);

        String end = awaitEndThroughOutage(inFlight, Duration.ofSeconds(60));
        System.out.printf("[pg-outage] the deployment in flight ended %s %d ms after the database came back: %s%n", end,
                (System.nanoTime() - back) / 1_000_000, DeploymentsApi.text(api.get(inFlight), "error").orElse("-"));
        router.awaitServing(HOST, end.equals("ACTIVE") ? "slow build" : "v1", Duration.ofSeconds(10));

        commit("after", BusyboxSite.HTTPD);
        long next = api.deploy(APP);
        assertEquals("ACTIVE", api.awaitEnd(next, Duration.ofSeconds(60)), api.get(next) + "\n" + api.log(next));
        router.awaitServing(HOST, "after", Duration.ofSeconds(10));
        System.out.printf("[pg-outage] the next deployment went live %d ms after the database came back%n",
                (System.nanoTime() - back) / 1_000_000);
    }

    /** Awaits a final phase, tolerating the moments the API itself cannot reach the database yet. */
    private String awaitEndThroughOutage(long id, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = slipway.get("/api/v1/deployments/" + id);
            last = r.statusCode() + " " + r.body();
            String phase = r.statusCode() == 200 ? DeploymentsApi.text(r.body(), "phase").orElse("") : "";
            if (ENDS.contains(phase)) {
                return phase;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("deployment " + id + " hung: not ended " + timeout + " after the database came back; last: "
                + last + "\n" + slipway.log().lines().skip(Math.max(0, slipway.log().lines().count() - 40))
                .reduce("", (a, b) -> a + b + "\n"));
    }

    private void commit(String message, String tail) {
        BusyboxSite.commit(stack.repos().resolve(APP), message, tail);
    }
}
