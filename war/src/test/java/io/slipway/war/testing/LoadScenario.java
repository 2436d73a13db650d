package io.slipway.war.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue #10's load check with real containers, for one server or several on one database: N apps
 * (one repository, distinct names) deploy at once and must all end ACTIVE, none stuck, each run by
 * exactly one server exactly once, each served by its own container through every server's router;
 * then M of them redeploy at once with the same outcome while the others keep their release; then
 * every app is deleted and nothing labelled for them stays on the engine. Prints the timings.
 *
 * <pre>{@code
 * LoadScenario load = new LoadScenario("load-h2", List.of(slipway), docker, git.url("site"));
 * try { load.run(50, 10, Duration.ofMinutes(4)); } finally { load.cleanUp(); }
 * }</pre>
 */
public final class LoadScenario {
    private static final Pattern LIVE = Pattern.compile("Deployment (\\d+) of app \\S+ \\(\\S+\\) is live");
    private static final Duration SETTLE = Duration.ofSeconds(60);

    private final String tag;
    private final List<SlipwayProcess> servers;
    private final DockerCli docker;
    private final AppFleet fleet;
    private final String run;
    private final List<String> apps = new ArrayList<>();

    /** {@code tag} prefixes the output lines and (with a random suffix) the project's name. */
    public LoadScenario(String tag, List<SlipwayProcess> servers, DockerCli docker, String repositoryUrl) {
        this.tag = Objects.requireNonNull(tag, "tag");
        this.servers = List.copyOf(servers);
        this.docker = Objects.requireNonNull(docker, "docker");
        this.run = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 6);
        this.fleet = new AppFleet(servers, tag + "-" + run, repositoryUrl);
    }

    public void run(int appCount, int redeployCount, Duration bound) {
        long created = System.nanoTime();
        apps.addAll(fleet.create(appCount, i -> "ld" + i + "-" + run));
        print("created %d apps in %d ms", appCount, millisSince(created));

        Map<String, Long> live = new LinkedHashMap<>();
        Map<Long, String> first = deployAndAwait(apps, bound, "first wave");
        first.forEach((id, app) -> live.put(app, id));
        Map<String, String> containers = awaitOneContainerEach(live);
        assertServedEverywhere();

        List<String> again = apps.subList(0, redeployCount);
        Map<Long, String> second = deployAndAwait(again, bound, "redeploys");
        second.forEach((id, app) -> live.put(app, id));
        Map<String, String> after = awaitOneContainerEach(live);
        for (String app : apps.subList(redeployCount, apps.size())) {
            assertEquals(containers.get(app), after.get(app), app + " was not redeployed: its container must stay");
            assertEquals(live.get(app), fleet.newestDeployment(app), app + " was not redeployed: no new deployment");
        }
        assertServedEverywhere();

        long deleting = System.nanoTime();
        fleet.deleteAll(apps);
        awaitNothingLeft();
        print("deleted %d apps; nothing of theirs left on the engine after %d ms", apps.size(), millisSince(deleting));
    }

    /** Removes whatever a failed run left on the engine (labelled for these apps and project). */
    public void cleanUp() {
        for (String app : apps) {
            docker.removeEverythingOf(app);
        }
        docker.removeNetworksOfProject(fleet.project());
    }

    private Map<Long, String> deployAndAwait(List<String> which, Duration bound, String wave) {
        long start = System.nanoTime();
        Map<Long, String> ids = fleet.deployAtOnce(which);
        long queued = millisSince(start);
        Map<Long, String> ended = fleet.awaitFinal(ids.keySet(), bound);
        long observed = millisSince(start);
        List<String> notActive = new ArrayList<>();
        ended.forEach((id, json) -> {
            if (!"ACTIVE".equals(DeploymentsApi.text(json, "phase").orElse(""))) {
                notActive.add(json + "\nLog:\n" + fleet.api(0).log(id));
            }
        });
        assertEquals(List.of(), notActive, wave + ": every deployment must end ACTIVE");
        for (String stuck : fleet.stuck()) {
            assertTrue(stuck.replace(" ", "").contains("\"items\":[]"), wave + ": stuck deployments: " + stuck);
        }
        Map<Integer, Integer> perServer = assertEachRanOnceOnOneServer(ended);
        print("%s: %d deploys queued in %d ms, all ACTIVE %d ms after the first request; %s; run per server %s", wave,
                ids.size(), queued, observed, WaveFigures.of(ended.values()).describe(), perServer);
        return ids;
    }

    /**
     * Each deployment entered each phase once (its phase list) and exactly one server logged it
     * live, once; with several servers, each ran some. Returns how many each server ran.
     */
    private Map<Integer, Integer> assertEachRanOnceOnOneServer(Map<Long, String> ended) {
        for (Map.Entry<Long, String> e : ended.entrySet()) {
            for (String phase : List.of("FETCHING_SOURCE", "BUILDING", "DEPLOYING", "HEALTH_CHECKING", "SWITCHING_TRAFFIC")) {
                assertEquals(1, count(e.getValue(), "\"phase\"\\s*:\\s*\"" + phase + "\""),
                        "deployment " + e.getKey() + " must enter " + phase + " once: " + e.getValue());
            }
        }
        Map<Long, List<Integer>> ranBy = new HashMap<>();
        for (int s = 0; s < servers.size(); s++) {
            Matcher m = LIVE.matcher(servers.get(s).log());
            while (m.find()) {
                ranBy.computeIfAbsent(Long.parseLong(m.group(1)), k -> new ArrayList<>()).add(s);
            }
        }
        Map<Integer, Integer> perServer = new TreeMap<>();
        for (int s = 0; s < servers.size(); s++) {
            perServer.put(s, 0);
        }
        for (long id : ended.keySet()) {
            List<Integer> by = ranBy.getOrDefault(id, List.of());
            assertEquals(1, by.size(), "deployment " + id + " must be logged live by exactly one server, once: " + by);
            perServer.merge(by.get(0), 1, Integer::sum);
        }
        if (servers.size() > 1 && ended.size() >= 2 * servers.size()) {
            assertTrue(perServer.values().stream().allMatch(n -> n > 0), "every server must run some: " + perServer);
        }
        return perServer;
    }

    /**
     * Waits (bounded) until each app has exactly one container on the engine, the one of its live
     * deployment (a replaced release goes after the retire grace); returns app to container id.
     */
    private Map<String, String> awaitOneContainerEach(Map<String, Long> live) {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        while (true) {
            Map<String, List<String[]>> byApp = new HashMap<>();
            for (String line : docker.lines("ps", "-a", "--filter", "label=slipway.project=" + fleet.project(),
                    "--format", "{{.ID}} {{.Label \"slipway.app\"}} {{.Label \"slipway.deployment\"}} {{.State}}")) {
                String[] f = line.split(" ");
                byApp.computeIfAbsent(f[1], k -> new ArrayList<>()).add(f);
            }
            List<String> wrong = new ArrayList<>();
            Map<String, String> containers = new HashMap<>();
            live.forEach((app, id) -> {
                List<String[]> found = byApp.getOrDefault(app, List.of());
                if (found.size() == 1 && found.get(0)[2].equals(id.toString()) && found.get(0)[3].equals("running")) {
                    containers.put(app, found.get(0)[0]);
                } else {
                    wrong.add(app + " (live deployment " + id + "): " + found.stream().map(f -> String.join(" ", f)).toList());
                }
            });
            if (wrong.isEmpty()) {
                return containers;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Each app must run exactly one container, its live deployment's, within " + SETTLE
                        + ":\n" + String.join("\n", wrong));
            }
            AppFleet.sleep(Duration.ofMillis(500));
        }
    }

    /** Every app answers with its own name through every server's router. */
    private void assertServedEverywhere() {
        long start = System.nanoTime();
        for (SlipwayProcess server : servers) {
            RouterClient router = new RouterClient(server.routerPort());
            for (String app : apps) {
                awaitReply(router, app, 200, Optional.of(app));
            }
        }
        print("%d apps answered with their own name through %d router(s) in %d ms", apps.size(), servers.size(),
                millisSince(start));
    }

    private void awaitNothingLeft() {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        String label = "label=slipway.project=" + fleet.project();
        List<String> left = leftovers(label);
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            AppFleet.sleep(Duration.ofMillis(500));
            left = leftovers(label);
        }
        left = withoutEngineLeaks(left);
        assertEquals(List.of(), left, "containers, images and networks of the deleted apps must be removed");
        for (SlipwayProcess server : servers) {
            RouterClient router = new RouterClient(server.routerPort());
            for (String app : apps) {
                awaitReply(router, app, 404, Optional.empty());
            }
        }
    }

    /** Drops networks only an engine restart can remove (see {@link DockerCli#hasLeakedEndpoint}), saying so. */
    private List<String> withoutEngineLeaks(List<String> left) {
        List<String> kept = new ArrayList<>();
        for (String item : left) {
            String id = item.substring(item.lastIndexOf(' ') + 1);
            if (item.contains("network ") && docker.hasLeakedEndpoint(id)) {
                print("WARNING: network %s is held by an endpoint the engine leaked (Docker 20.10, no container "
                        + "attached): not counted as left behind by Slipway", id);
            } else {
                kept.add(item);
            }
        }
        return kept;
    }

    private List<String> leftovers(String label) {
        List<String> left = new ArrayList<>();
        docker.lines("ps", "-a", "-q", "--filter", label).forEach(c -> left.add("container " + c));
        docker.lines("images", "-q", "--filter", label).forEach(i -> left.add("image " + i));
        docker.lines("network", "ls", "-q", "--filter", label).forEach(n -> left.add("network " + n));
        docker.lines("network", "ls", "-q", "--filter", "name=^slipway-" + fleet.project() + "$")
                .forEach(n -> left.add("project network " + n));
        return left;
    }

    /** Waits (bounded) until the router answers {@code app}'s /name with {@code status} (and {@code body}, when given). */
    private static void awaitReply(RouterClient router, String app, int status, Optional<String> body) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                RouterClient.Reply r = router.get(app + ".localhost", "/name");
                last = r.status() + " " + r.body();
                if (r.status() == status && body.map(b -> b.equals(r.body().strip())).orElse(true)) {
                    return;
                }
            } catch (IOException e) {
                last = e.toString();
            }
            AppFleet.sleep(Duration.ofMillis(100));
        }
        throw new AssertionError("The router did not answer " + status + " " + body.orElse("") + " for " + app + "; last: "
                + last);
    }

    private static int count(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private void print(String format, Object... args) {
        System.out.printf("[" + tag + "] " + format + "%n", args);
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
