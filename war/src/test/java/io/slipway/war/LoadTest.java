package io.slipway.war;

import io.slipway.plugin.testkit.RequiresExternal;
import io.slipway.war.testing.AppFleet;
import io.slipway.war.testing.BusyboxSite;
import io.slipway.war.testing.DockerCli;
import io.slipway.war.testing.GitHttpServer;
import io.slipway.war.testing.LoadScenario;
import io.slipway.war.testing.PostgresDatabase;
import io.slipway.war.testing.SlipwayProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue #10, load: 50 apps deploying at once, then 10 redeploying at once while the other 40 keep
 * serving, with real builds and containers ({@link LoadScenario}): on one server with H2, and on
 * two servers sharing one PostgreSQL database (a fresh one on the shared cluster, dropped after),
 * where the two share the queue. None may end stuck or failed, none may run twice. The apps are
 * built from one repository with one Dockerfile, so after the first build the engine's cache
 * makes each build cheap: the pipeline, not the builds, is what is loaded. Bigger runs: bench/load
 * (system properties {@code slipway.load.apps}, {@code slipway.load.redeploys},
 * {@code slipway.load.boundSeconds}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoadTest {
    // The sizes; bench/load runs the same test bigger through these properties.
    private static final int APPS = Integer.getInteger("slipway.load.apps", 50);
    private static final int REDEPLOYS = Math.min(APPS, Integer.getInteger("slipway.load.redeploys", 10));
    private static final Duration BOUND = Duration.ofSeconds(Long.getLong("slipway.load.boundSeconds", 240));

    private final DockerCli docker = DockerCli.local();
    private boolean dockerReady;
    private GitHttpServer git;

    @BeforeAll
    void start() throws Exception {
        dockerReady = docker.answers() && docker.hasImage(BusyboxSite.BASE_IMAGE);
        if (!dockerReady) {
            return; // each test says why it is skipped
        }
        Path repos = Files.createTempDirectory(SlipwayProcess.itDir("repos"), "load-");
        BusyboxSite.commit(repos.resolve("site"), "the site every app deploys", AppFleet.SERVE_NAME);
        git = GitHttpServer.start(repos);
    }

    @BeforeEach
    void requireDocker() {
        RequiresExternal.require("A Docker engine with the test base image " + BusyboxSite.BASE_IMAGE, dockerReady,
                "start one with `source .ci/test-env.sh` (or set DOCKER_HOST)");
    }

    @AfterAll
    void stop() throws Exception {
        if (git != null) {
            git.close();
        }
    }

    @Test
    void fiftyAppsDeployAtOnceAndTenRedeployOnOneServerWithH2NoneStuckOrFailed() {
        try (SlipwayProcess slipway = server("load-h2", Optional.empty()).start()) {
            slipway.awaitHealthy(Duration.ofSeconds(60));
            scenario("load-h2", List.of(slipway));
        }
    }

    @Test
    void fiftyAppsDeployAtOnceAndTenRedeployOnTwoServersSharingPostgresNoneStuckFailedOrRunTwice() {
        Optional<String> cluster = PostgresDatabase.sharedCluster();
        RequiresExternal.require("PostgreSQL (" + PostgresDatabase.URL_ENV + ")",
                cluster.filter(PostgresDatabase::answers).isPresent(),
                "run `source .ci/test-env.sh` (it starts a private cluster and exports " + PostgresDatabase.URL_ENV + ")");
        byte[] key = new byte[32];
        ThreadLocalRandom.current().nextBytes(key);
        try (PostgresDatabase db = PostgresDatabase.create(cluster.get(), "slipway_load")) {
            // One secret key for both: each reads what the other encrypted (the apps' settings).
            Optional<String> shared = Optional.of(Base64.getEncoder().encodeToString(key));
            try (SlipwayProcess a = server("load-pg-a", shared).env("SLIPWAY_DB_URL", db.url()).start()) {
                a.awaitHealthy(Duration.ofSeconds(60)); // the first one migrates the schema and creates the admin token
                try (SlipwayProcess b = server("load-pg-b", shared).env("SLIPWAY_DB_URL", db.url()).start()) {
                    b.awaitHealthy(Duration.ofSeconds(60));
                    scenario("load-pg", List.of(a, b));
                }
            }
        }
    }

    private void scenario(String tag, List<SlipwayProcess> servers) {
        LoadScenario load = new LoadScenario(tag, servers, docker, git.url("site"));
        try {
            load.run(APPS, REDEPLOYS, BOUND);
        } finally {
            load.cleanUp();
        }
    }

    private SlipwayProcess.Builder server(String name, Optional<String> secretKey) {
        SlipwayProcess.Builder builder = SlipwayProcess.builder().name(name)
                // Replaced releases go 2 s after a switch instead of 5: the redeploy check settles sooner.
                .jvmArg("-Dslipway.pipeline.retireGraceMillis=2000")
                // The test polls 50 deployments at once; the per-token API limit is not under test here.
                .env("SLIPWAY_API_RATE_LIMIT", "0");
        secretKey.ifPresent(k -> builder.env("SLIPWAY_SECRET_KEY", k));
        if (!docker.host().isEmpty()) {
            builder.env("DOCKER_HOST", docker.host());
        }
        return builder;
    }
}
