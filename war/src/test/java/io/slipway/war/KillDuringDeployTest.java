package io.slipway.war;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.plugin.testkit.RequiresExternal;
import io.slipway.war.testing.BusyboxSite;
import io.slipway.war.testing.DeploymentsApi;
import io.slipway.war.testing.DockerCli;
import io.slipway.war.testing.GitHttpServer;
import io.slipway.war.testing.RouterClient;
import io.slipway.war.testing.SlipwayProcess;
import io.slipway.war.testing.StallingProxy;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The built war is killed with SIGKILL while a deployment is in each working phase, twice per
 * phase: the first restart resumes the deployment at the phase it was killed in, the second
 * (past {@code slipway.pipeline.maxResumes}, default 1) fails it with a reason naming the restart.
 * After every restart the release that served before answers through the new router at once,
 * nothing ran twice, and no container of the app is left but the serving one.
 * Each phase is held at a real point: the git server never answers the fetch, the build runs
 * {@code RUN sleep}, the engine never answers the container create (the container exists), the
 * release never listens.
 *
 * <p>The server runs on its default embedded H2 database, as most installs do: a restarted
 * server is the database's only user, so it takes over what the killed one held at once. (This
 * test found H2 losing the last seconds of commits on SIGKILL; see CommitsSurviveKillTest.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KillDuringDeployTest {
    private static final String APP = "kill-deploy";
    private static final String HOST = APP + ".localhost";
    private static final Duration ROUTER_WITHIN = Duration.ofSeconds(2);

    private final DockerCli docker = DockerCli.local();
    private boolean ready;
    private Path repos;
    private Path scratch;
    private Path home;
    private Path war;
    private GitHttpServer git;
    private StallingProxy gitProxy;
    private StallingProxy engineProxy;
    private SlipwayProcess slipway;
    private DeploymentsApi api;
    private final List<Long> routerMillis = new ArrayList<>();
    private final List<Long> startMillis = new ArrayList<>();
    private int stalledBefore;

    @BeforeAll
    void start() throws Exception {
        ready = docker.answers() && docker.hasImage(BusyboxSite.BASE_IMAGE);
        if (!ready) {
            return; // the test says why it is skipped
        }
        repos = Files.createTempDirectory(SlipwayProcess.itDir("repos"), "kill-deploy-");
        git = GitHttpServer.start(repos);
        URI gitUri = URI.create(git.url(APP));
        gitProxy = StallingProxy.toPort(gitUri.getHost(), gitUri.getPort());
        engineProxy = StallingProxy.to(docker.host());
        // Home, war and unpack folder outside target/: a build of the war module meanwhile (another
        // checkout's, a developer's) cleans target/it and repackages the war under a running test.
        scratch = Files.createTempDirectory(Path.of("/tmp"), "slipway-it-kill-");
        home = Files.createDirectories(scratch.resolve("home"));
        war = Files.copy(SlipwayProcess.builtWar(), scratch.resolve("slipway.war"));
        startSlipway();
        assertEquals(201, slipway.postJson("/api/v1/projects", "{\"name\": \"kd\"}").statusCode());
    }

    @BeforeEach
    void requireDocker() {
        RequiresExternal.require("a Docker engine and the test base image " + BusyboxSite.BASE_IMAGE, ready,
                "run `source .ci/test-env.sh`");
    }

    @AfterAll
    void cleanUp() throws Exception {
        try {
            if (slipway != null) {
                slipway.close();
            }
            for (AutoCloseable c : new AutoCloseable[] {gitProxy, engineProxy, git}) {
                if (c != null) {
                    c.close();
                }
            }
        } finally {
            if (ready) {
                docker.removeEverythingOf(APP);
                docker.removeNetworksOfProject("kd");
            }
            if (scratch != null) {
                try (var all = Files.walk(scratch)) {
                    all.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                }
            }
        }
    }

    @Test
    void killedTwiceInEachPhaseTheDeploymentResumesThenFailsNothingRunsTwiceNoOrphanAndTheOldReleaseKeepsServing()
            throws Exception {
        long began = System.nanoTime();
        commit("v1", BusyboxSite.HTTPD);
        var created = slipway.postJson("/api/v1/apps", BusyboxSite.appJson("kd", APP,
                "http://127.0.0.1:" + gitProxy.port() + "/" + APP + ".git", 300));
        assertEquals(201, created.statusCode(), created.body());
        long v1 = api.deploy(APP);
        assertEquals("ACTIVE", api.awaitEnd(v1, Duration.ofSeconds(60)), api.get(v1) + "\n" + api.log(v1));
        new RouterClient(slipway.routerPort()).awaitServing(HOST, "v1", Duration.ofSeconds(10));
        List<String> serving = containers();
        assertEquals(1, serving.size(), serving.toString());
        List<Long> deployments = new ArrayList<>(List.of(v1));

        for (String phase : List.of("FETCHING_SOURCE", "BUILDING", "DEPLOYING", "HEALTH_CHECKING")) {
            long phaseBegan = System.nanoTime();
            long id = deployHeldIn(phase);
            deployments.add(id);
            killAndRestart();
            assertEquals(phase, awaitHeld(id, phase, 2), "resumed in the phase it was killed in\n" + api.log(id));
            killAndRestart();
            assertEquals("FAILED", api.awaitEnd(id, Duration.ofSeconds(20)), api.get(id) + "\n" + api.log(id));
            String error = DeploymentsApi.text(api.get(id), "error").orElse("");
            assertTrue(error.startsWith("Interrupted by server restart during " + phase), api.get(id) + "\n" + api.log(id));
            gitProxy.release();
            engineProxy.release();

            String log = api.log(id);
            assertEquals(1, count(log, "Resuming at " + phase), "resumed once\n" + log);
            assertEquals(2, count(log, "== " + phase + " ("), phase + " started once per run\n" + log);
            for (String earlier : List.of("FETCHING_SOURCE", "BUILDING", "DEPLOYING")) {
                if (earlier.equals(phase)) {
                    break;
                }
                assertEquals(1, count(log, "== " + earlier + " ("), earlier + " completed once, never again\n" + log);
            }
            assertEquals(serving, awaitContainers(serving), "only the serving release's container is left");
            assertEquals(new TreeSet<>(deployments), deploymentIds(), "no deployment lost or added");
            System.out.printf("[kill-deploy] %s: killed twice, resumed once, failed: %s (%d ms)%n", phase, error,
                    (System.nanoTime() - phaseBegan) / 1_000_000);
        }

        commit("final", BusyboxSite.HTTPD);
        long last = api.deploy(APP);
        assertEquals("ACTIVE", api.awaitEnd(last, Duration.ofSeconds(60)), api.get(last) + "\n" + api.log(last));
        new RouterClient(slipway.routerPort()).awaitServing(HOST, "final", Duration.ofSeconds(10));
        assertEquals(1, awaitContainers(List.of("just one")).size(), "v1 retired after the switch: " + containers());
        System.out.printf("[kill-deploy] 8 kills; starts to healthy (ms) %s; previous release answering after healthy (ms) %s;"
                + " total %d ms%n", startMillis, routerMillis, (System.nanoTime() - began) / 1_000_000);
    }

    /** Commits a change for {@code phase}, holds that phase at a real point, deploys and waits until it is held. */
    private long deployHeldIn(String phase) throws Exception {
        switch (phase) {
            case "FETCHING_SOURCE" -> gitProxy.stall("git-upload-pack");
            case "BUILDING" -> commit("slow build", "RUN sleep 120\n" + BusyboxSite.HTTPD);
            case "DEPLOYING" -> {
                commit("held create", BusyboxSite.HTTPD);
                engineProxy.stall("/containers/create");
            }
            default -> commit("never listens", "CMD [\"sleep\", \"3600\"]\n");
        }
        stalledBefore = gitProxy.stalledCount() + engineProxy.stalledCount();
        long id = api.deploy(APP);
        assertEquals(phase, awaitHeld(id, phase, 1), api.log(id));
        return id;
    }

    /** Waits until deployment {@code id} is held in {@code phase} in its {@code run}th run; returns its phase then. */
    private String awaitHeld(long id, String phase, int run) throws InterruptedException {
        String header = "== " + phase + " (";
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!held(api.log(id), phase, header, run)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(id + " was not held in " + phase + " a " + run + ". time:\n" + api.log(id));
            }
            Thread.sleep(50);
        }
        if (phase.equals("HEALTH_CHECKING")) {
            Thread.sleep(300); // a few probes in
        }
        return DeploymentsApi.text(api.get(id), "phase").orElse("");
    }

    private boolean held(String log, String phase, String header, int run) {
        if (count(log, header) < run) {
            return false;
        }
        return switch (phase) {
            case "FETCHING_SOURCE", "DEPLOYING" -> gitProxy.stalledCount() + engineProxy.stalledCount() >= stalledBefore + run;
            case "BUILDING" -> log.substring(log.lastIndexOf(header)).contains("sleep 120");
            default -> true;
        };
    }

    private void killAndRestart() throws InterruptedException {
        slipway.kill();
        startSlipway();
        long healthy = System.nanoTime();
        // The router is up when the server is healthy; the release it routes to never stopped.
        Duration answered = new RouterClient(slipway.routerPort()).awaitServing(HOST, "v1", Duration.ofSeconds(10));
        routerMillis.add(Duration.ofNanos(System.nanoTime() - healthy).toMillis());
        assertTrue(answered.compareTo(ROUTER_WITHIN) <= 0, "the previous release answered only after " + answered);
    }

    private void startSlipway() {
        slipway = SlipwayProcess.builder().name("kill-deploy").home(home).war(war).unpackDir(scratch)
                .env("DOCKER_HOST", engineProxy.tcpUrl()).jvmArg("-Dslipway.pipeline.retireGraceMillis=1000")
                .jvmArg("-Dslipway.pipeline.reconcileEveryMillis=500").start();
        startMillis.add(slipway.awaitHealthy(Duration.ofSeconds(60)).toMillis());
        api = new DeploymentsApi(slipway);
    }

    private void commit(String message, String tail) {
        BusyboxSite.commit(repos.resolve(APP), message, tail);
    }

    private List<String> containers() {
        return docker.lines("ps", "-a", "-q", "--no-trunc", "--filter", "label=slipway.app=" + APP);
    }

    /** Polls (a retire may still be under way) until the app's containers are {@code expected}'s size; returns them. */
    private List<String> awaitContainers(List<String> expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        List<String> now = containers();
        while (now.size() != expected.size() && System.nanoTime() < deadline) {
            Thread.sleep(200);
            now = containers();
        }
        return now;
    }

    private TreeSet<Long> deploymentIds() {
        var r = slipway.get("/api/v1/apps/" + APP + "/deployments?limit=100");
        assertEquals(200, r.statusCode(), r.body());
        TreeSet<Long> ids = new TreeSet<>();
        Matcher m = Pattern.compile("\\{\"id\"\\s*:\\s*(\\d+)").matcher(r.body());
        while (m.find()) {
            ids.add(Long.parseLong(m.group(1)));
        }
        return ids;
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            n++;
        }
        return n;
    }
}
