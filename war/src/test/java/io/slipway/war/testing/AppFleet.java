package io.slipway.war.testing;

import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * Many apps of one project, all built from one git repository, driven through the REST API of
 * one or more Slipway servers sharing a database: created, deployed all at once, awaited, deleted.
 * Request {@code i} goes to server {@code i % servers}, so every server takes a share of the calls.
 * Each app's container gets {@code APP_NAME=<app>} in its environment (see {@link #SERVE_NAME}), so a
 * reply through the router tells which app's container answered although every image is built from
 * the same files (and the engine's build cache serves all but the first build).
 *
 * <pre>{@code
 * AppFleet fleet = new AppFleet(List.of(slipway), "load-ab12", git.url("site"));
 * List<String> apps = fleet.create(50, i -> "ld" + i + "-ab12");
 * Map<Long, String> wave = fleet.deployAtOnce(apps);
 * Map<Long, String> ended = fleet.awaitFinal(wave.keySet(), Duration.ofMinutes(4));
 * }</pre>
 */
public final class AppFleet {
    private static final Set<String> ENDS = Set.of("ACTIVE", "FAILED", "CANCELLED", "SUPERSEDED", "ROLLED_BACK");
    /**
     * The Dockerfile's last step (see {@link BusyboxSite#commit}): httpd serves the page and, at
     * {@code /name}, the APP_NAME the container runs with.
     */
    public static final String SERVE_NAME =
            "CMD [\"sh\", \"-c\", \"echo \\\"$APP_NAME\\\" > /www/name && exec httpd -f -p 8080 -h /www\"]\n";

    private static final Pattern FIRST_ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");

    private final List<SlipwayProcess> servers;
    private final List<DeploymentsApi> apis;
    private final String project;
    private final String repositoryUrl;

    public AppFleet(List<SlipwayProcess> servers, String project, String repositoryUrl) {
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("at least one server");
        }
        this.servers = List.copyOf(servers);
        this.apis = this.servers.stream().map(DeploymentsApi::new).toList();
        this.project = Objects.requireNonNull(project, "project");
        this.repositoryUrl = Objects.requireNonNull(repositoryUrl, "repositoryUrl");
    }

    public String project() {
        return project;
    }

    /** Creates the project, then {@code count} apps named by {@code names}, concurrently; fails unless each is 201. */
    public List<String> create(int count, IntFunction<String> names) {
        HttpResponse<String> p = servers.get(0).postJson("/api/v1/projects", "{\"name\": \"" + project + "\"}");
        if (p.statusCode() != 201) {
            throw new AssertionError("create project " + project + ": " + p.statusCode() + " " + p.body());
        }
        List<String> apps = IntStream.range(0, count).mapToObj(names).toList();
        atOnce(apps.size(), i -> {
            HttpResponse<String> r = server(i).postJson("/api/v1/apps", appJson(apps.get(i)));
            if (r.statusCode() != 201) {
                throw new AssertionError("create app " + apps.get(i) + ": " + r.statusCode() + " " + r.body());
            }
            return r;
        });
        return apps;
    }

    /** Queues one deployment of each app, all requests released together; returns id to app, in order. */
    public Map<Long, String> deployAtOnce(List<String> apps) {
        List<Long> ids = atOnce(apps.size(), i -> apis.get(i % apis.size()).deploy(apps.get(i)));
        Map<Long, String> wave = new LinkedHashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            wave.put(ids.get(i), apps.get(i));
        }
        return wave;
    }

    /**
     * Polls until every deployment reached a final phase; returns id to its JSON then (with its
     * phase timings). Fails with the unfinished ones and the servers' stuck lists once
     * {@code bound} has passed.
     */
    public Map<Long, String> awaitFinal(Set<Long> ids, Duration bound) {
        long deadline = System.nanoTime() + bound.toNanos();
        Map<Long, String> ended = new LinkedHashMap<>();
        Map<Long, String> open = new LinkedHashMap<>();
        ids.forEach(id -> open.put(id, ""));
        int round = 0;
        while (!open.isEmpty()) {
            for (Long id : List.copyOf(open.keySet())) {
                String json = apis.get(round % apis.size()).get(id);
                if (ENDS.contains(DeploymentsApi.text(json, "phase").orElse(""))) {
                    ended.put(id, json);
                    open.remove(id);
                } else {
                    open.put(id, json);
                }
            }
            if (open.isEmpty()) {
                break;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(open.size() + " of " + ids.size() + " deployments did not end within " + bound
                        + ":\n" + String.join("\n", open.values()) + "\nStuck as the servers see it: " + stuck());
            }
            round++;
            sleep(Duration.ofMillis(250));
        }
        return ended;
    }

    /** Each server's {@code GET /api/v1/monitoring/stuck} body. */
    public List<String> stuck() {
        List<String> bodies = new ArrayList<>();
        for (SlipwayProcess s : servers) {
            HttpResponse<String> r = s.get("/api/v1/monitoring/stuck");
            if (r.statusCode() != 200) {
                throw new AssertionError("GET /api/v1/monitoring/stuck: " + r.statusCode() + " " + r.body());
            }
            bodies.add(r.body());
        }
        return bodies;
    }

    /** The id of the app's newest deployment ({@code GET /api/v1/apps/{app}/deployments?limit=1}). */
    public long newestDeployment(String app) {
        HttpResponse<String> r = servers.get(0).get("/api/v1/apps/" + app + "/deployments?limit=1");
        Matcher m = FIRST_ID.matcher(r.body());
        if (r.statusCode() != 200 || !m.find()) {
            throw new AssertionError("deployments of " + app + ": " + r.statusCode() + " " + r.body());
        }
        return Long.parseLong(m.group(1));
    }

    /** Deletes every app, concurrently; fails unless each is 204. */
    public void deleteAll(List<String> apps) {
        atOnce(apps.size(), i -> {
            String path = "/api/v1/apps/" + apps.get(i);
            HttpResponse<String> r;
            try {
                r = server(i).delete(path);
            } catch (UncheckedIOException noAnswer) {
                // The JDK client may pick a pooled connection the server just closed as idle (seen
                // with 200 at once); it retries a GET by itself, never a DELETE. A 404 now means the
                // first one got through.
                r = server(i).delete(path);
                if (r.statusCode() == 404) {
                    return r;
                }
            }
            if (r.statusCode() != 204) {
                throw new AssertionError("delete app " + apps.get(i) + ": " + r.statusCode() + " " + r.body());
            }
            return r;
        });
    }

    public DeploymentsApi api(int i) {
        return apis.get(i % apis.size());
    }

    private SlipwayProcess server(int i) {
        return servers.get(i % servers.size());
    }

    /** {@link BusyboxSite#appJson} (health retries for 10 s) with {@code APP_NAME=<app>} in the app's env. */
    private String appJson(String app) {
        String json = BusyboxSite.appJson(project, app, repositoryUrl, 50);
        return json.substring(0, json.lastIndexOf('}')) + ", \"env\": {\"APP_NAME\": \"" + app + "\"}}";
    }

    private interface Call<T> {
        T run(int i) throws Exception;
    }

    /** Runs {@code call(0..n-1)} on n threads released together; the first failure fails it all. */
    private static <T> List<T> atOnce(int n, Call<T> call) {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch gate = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    gate.await();
                    return call.run(index);
                }));
            }
            gate.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get(2, TimeUnit.MINUTES));
            }
            return results;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof AssertionError a ? a : new AssertionError(e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("a request did not return within 2 min", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Thread.sleep, re-interrupting and failing when interrupted. */
    static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
