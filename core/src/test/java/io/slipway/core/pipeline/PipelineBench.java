package io.slipway.core.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.slipway.core.config.SlipwayConfig;
import io.slipway.core.plugins.ExtensionRegistry;
import io.slipway.core.plugins.RegisteredExtension;
import io.slipway.core.server.EmbeddedServer;
import io.slipway.plugin.api.ExtensionPointId;
import io.slipway.plugin.api.build.Artifact;
import io.slipway.plugin.api.build.BuildRequest;
import io.slipway.plugin.api.build.Builder;
import io.slipway.plugin.api.config.Config;
import io.slipway.plugin.api.deploy.DeployRequest;
import io.slipway.plugin.api.deploy.Deployer;
import io.slipway.plugin.api.deploy.Endpoint;
import io.slipway.plugin.api.deploy.Release;
import io.slipway.plugin.api.health.HealthChecker;
import io.slipway.plugin.api.health.HealthResult;
import io.slipway.plugin.api.source.SourceProvider;
import io.slipway.plugin.api.source.SourceRequest;
import io.slipway.plugin.api.source.SourceRevision;
import io.slipway.plugin.api.step.StepContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * bench/pipeline: the engine's own overhead per deployment with no-op extensions, 50 apps
 * deploying at once on a pool of 8, and how fast a log line reaches a live SSE client. Prints
 * figures next to a baseline measured in the same run. JUnit-free; run by {@code bench/pipeline}.
 */
public final class PipelineBench {
    /** Nanoseconds spent inside extension calls, per deployment id. */
    static final Map<String, AtomicLong> INSIDE = new ConcurrentHashMap<>();
    /** The app whose source streams timestamped lines for the SSE measurement. */
    static final String STREAMING_APP = "streamer";
    static final CountDownLatch CLIENT_READY = new CountDownLatch(1);
    static final int SSE_LINES = 60;

    private final HttpClient http = io.slipway.core.testing.AuthenticatingHttpClient.withBearer(
            HttpClient.newHttpClient(), io.slipway.core.testing.TestServer.ADMIN_TOKEN);
    private final int port;
    private final Pipeline pipeline;

    private PipelineBench(int port, Pipeline pipeline) {
        this.port = port;
        this.pipeline = pipeline;
    }

    public static void main(String[] args) throws Exception {
        int sequential = Integer.getInteger("bench.sequential", 40);
        int apps = Integer.getInteger("bench.apps", 50);
        int pool = Integer.getInteger("bench.workers", 8);
        Path home = Files.createTempDirectory("slipway-bench-");
        SlipwayConfig config = new SlipwayConfig(home, 0, 0, "localhost",
                "jdbc:h2:file:" + home.resolve("data/slipway") + ";DB_CLOSE_ON_EXIT=FALSE", "", "", Optional.empty(),
                Optional.of(io.slipway.core.testing.TestServer.ADMIN_TOKEN), pool, 1 << 20, 1 << 20, "http://localhost", Optional.empty());
        EmbeddedServer server = EmbeddedServer.start(config, Optional.empty());
        int code = 1;
        try {
            server.core().service(ExtensionRegistry.class).put("bench", List.of(
                    new RegisteredExtension(ExtensionPointId.SOURCE, "bench", new NoOpSource()),
                    new RegisteredExtension(ExtensionPointId.BUILDER, "bench", new NoOpBuilder()),
                    new RegisteredExtension(ExtensionPointId.DEPLOYER, "bench", new NoOpDeployer()),
                    new RegisteredExtension(ExtensionPointId.HEALTH, "bench", new NoOpHealth())));
            PipelineBench bench = new PipelineBench(server.port(), server.core().service(Pipeline.class));
            bench.post("/api/v1/projects", "{\"name\":\"bench\"}", 201);
            System.out.printf("bench/pipeline: no-op extensions, H2 file database, pool of %d workers%n", pool);
            bench.overhead(sequential);
            boolean allActive = bench.burst(apps);
            double sse = bench.sseLatency();
            code = allActive && sse <= 100 ? 0 : 2;
        } finally {
            server.stop();
            deleteTree(home);
        }
        System.exit(code);
    }

    /** Deployments one after another on one app: engine time = queued to ACTIVE minus time in extensions. */
    private void overhead(int n) throws Exception {
        app("solo");
        deployAndWait("solo"); // warm-up: class loading, JIT, first queries
        List<Double> overheadMs = new ArrayList<>();
        Map<String, List<Double>> gaps = new java.util.LinkedHashMap<>();
        List<Double> totalMs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            JsonNode d = deployAndWait("solo");
            double total = millisBetween(d.get("createdAt").asText(), d.get("finishedAt").asText());
            double inside = INSIDE.getOrDefault(d.get("id").asText(), new AtomicLong()).get() / 1e6;
            totalMs.add(total);
            overheadMs.add(total - inside);
            if (Boolean.getBoolean("bench.trace")) {
                trace(d, gaps);
            }
        }
        gaps.forEach((step, ms) -> System.out.printf("  trace: %-60s median %.2f ms%n", step, pct(ms, 50)));
        System.out.printf("engine overhead per deployment (queued -> ACTIVE minus time in extensions), %d runs:%n", n);
        System.out.printf("  median %.1f ms   p90 %.1f ms   max %.1f ms   (target <= 20 ms median: %s)%n",
                pct(overheadMs, 50), pct(overheadMs, 90), pct(overheadMs, 100), pct(overheadMs, 50) <= 20 ? "met" : "MISSED");
        System.out.printf("  whole deployment median %.1f ms (5 phase changes, phase runs, log lines, 4 extension calls)%n",
                pct(totalMs, 50));
    }

    /** {@code apps} apps deploying at once. */
    private boolean burst(int apps) throws Exception {
        for (int i = 0; i < apps; i++) {
            app("burst-" + i);
        }
        long start = System.nanoTime();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < apps; i++) {
            ids.add(deploy("burst-" + i));
        }
        List<JsonNode> ended = new ArrayList<>();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        for (long id : ids) {
            ended.add(awaitFinal(id, until));
        }
        double wall = (System.nanoTime() - start) / 1e9;
        long active = ended.stream().filter(d -> d.get("phase").asText().equals("ACTIVE")).count();
        long stuck = ended.stream().filter(d -> !PipelineTestSupport.FINAL.contains(d.get("phase").asText())).count();
        // Baseline: the same 50 deployments' extension calls, one after another, no engine.
        long b0 = System.nanoTime();
        for (int i = 0; i < apps; i++) {
            rawCalls("baseline-" + i);
        }
        double baseline = (System.nanoTime() - b0) / 1e9;
        System.out.printf("%d apps deploying at once: %d ACTIVE, %d stuck, %d other; %.2f s wall, %.1f deployments/s%n",
                apps, active, stuck, apps - active - stuck, wall, apps / wall);
        System.out.printf("  baseline (same extension calls, sequential, no engine): %.4f s; engine/baseline = %.0fx%n",
                baseline, wall / Math.max(baseline, 1e-9));
        return active == apps;
    }

    /** A log line written by a running step reaches a connected SSE client within how long. */
    private double sseLatency() throws Exception {
        app(STREAMING_APP);
        long id = deploy(STREAMING_APP);
        HttpResponse<Stream<String>> r = http.send(HttpRequest.newBuilder(uri("/api/v1/deployments/" + id
                + "/log/stream")).header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofLines());
        CLIENT_READY.countDown();
        List<Double> latencies = new ArrayList<>();
        Iterator<String> lines = r.body().iterator();
        while (lines.hasNext()) {
            String line = lines.next();
            long now = System.nanoTime();
            int at = line.indexOf("sse-probe ");
            if (line.startsWith("data:") && at >= 0) {
                latencies.add((now - Long.parseLong(line.substring(at + 10).trim())) / 1e6);
            }
            if (line.startsWith("event:") && line.contains("end")) {
                break;
            }
        }
        r.body().close();
        // Baseline: a JDK HTTP round trip to the health endpoint on the same server.
        List<Double> rtt = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            long t0 = System.nanoTime();
            http.send(HttpRequest.newBuilder(uri("/api/v1/health")).build(), HttpResponse.BodyHandlers.ofString());
            rtt.add((System.nanoTime() - t0) / 1e6);
        }
        double median = pct(latencies, 50);
        System.out.printf("SSE: log line written -> received by a connected client, %d lines:%n", latencies.size());
        System.out.printf("  median %.2f ms   p90 %.2f ms   max %.2f ms   (target <= 100 ms median: %s)%n", median,
                pct(latencies, 90), pct(latencies, 100), median <= 100 ? "met" : "MISSED");
        System.out.printf("  baseline: GET /api/v1/health round trip median %.2f ms; ratio %.1fx%n", pct(rtt, 50),
                median / Math.max(pct(rtt, 50), 1e-9));
        return latencies.isEmpty() ? Double.MAX_VALUE : median;
    }

    /** With -Dbench.trace=true: the time between consecutive log lines (and to the end), by line. */
    private void trace(JsonNode d, Map<String, List<Double>> gaps) {
        List<String> lines = pipeline.logs().read(d.get("id").asLong(), 0, 100).lines();
        Instant previous = Instant.parse(d.get("createdAt").asText());
        String label = "created";
        for (String line : lines) {
            Instant at = Instant.parse(line.substring(0, line.indexOf(' ')));
            gaps.computeIfAbsent(label + " -> " + line.substring(line.indexOf(' ') + 1).replaceAll("[0-9]+", "#"),
                    k -> new ArrayList<>()).add(Duration.between(previous, at).toNanos() / 1e6);
            previous = at;
            label = line.substring(line.indexOf('['), line.indexOf(']') + 1);
        }
        gaps.computeIfAbsent(label + " -> finishedAt", k -> new ArrayList<>())
                .add(Duration.between(previous, Instant.parse(d.get("finishedAt").asText())).toNanos() / 1e6);
    }

    private static void rawCalls(String id) {
        StepContext step = new io.slipway.core.pipeline.internal.PipelineStepContext(id, "b", "production",
                Path.of("."), text -> { }, new io.slipway.core.pipeline.internal.StepCancellation(),
                Instant.now().plusSeconds(60), (spec, s) -> null);
        SourceRevision rev = new NoOpSource().fetch(new SourceRequest(Config.empty(), Optional.empty(), Path.of(".")), step);
        Artifact a = new NoOpBuilder().build(new BuildRequest(Config.empty(), Path.of("."), "t:" + rev.commitId(),
                Map.of(), Map.of()), step);
        Release rel = new NoOpDeployer().start(new DeployRequest(Config.empty(), "b", "production", id, a, Map.of(),
                Map.of()), step);
        new NoOpHealth().check(rel, Config.empty(), step);
        new NoOpDeployer().retire(rel, Config.empty());
    }

    private void app(String name) throws Exception {
        String body = "{\"project\":\"bench\",\"name\":\"" + name + "\",\"source\":{\"type\":\"noop-source\",\"config\":{}},"
                + "\"builder\":{\"type\":\"noop-builder\",\"config\":{}},\"deployer\":{\"type\":\"noop-deployer\",\"config\":{}},"
                + "\"health\":{\"type\":\"noop-health\",\"config\":{}}}";
        post("/api/v1/apps", body, 201);
    }

    private long deploy(String app) throws Exception {
        return PipelineTestSupport.read(post("/api/v1/apps/" + app + "/deployments", "{}", 202)).get("id").asLong();
    }

    private JsonNode deployAndWait(String app) throws Exception {
        return awaitFinal(deploy(app), System.nanoTime() + TimeUnit.SECONDS.toNanos(30));
    }

    /** Waits in-process (no HTTP polling competing with the engine for the CPU), then reads the API once. */
    private JsonNode awaitFinal(long id, long untilNanos) throws Exception {
        while (pipeline.deployments().find(id).map(d -> !d.isFinal()).orElse(false) && System.nanoTime() < untilNanos) {
            Thread.sleep(5);
        }
        return PipelineTestSupport.read(http.send(HttpRequest.newBuilder(uri("/api/v1/deployments/" + id)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    private String post(String path, String json, int expected) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected) {
            throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static double millisBetween(String from, String to) {
        return Duration.between(Instant.parse(from), Instant.parse(to)).toNanos() / 1e6;
    }

    private static double pct(List<Double> values, int p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException ignored) {
            // a temp folder left behind is harmless
        }
    }

    static void timed(String deploymentId, long startNanos) {
        INSIDE.computeIfAbsent(deploymentId, k -> new AtomicLong()).addAndGet(System.nanoTime() - startNanos);
    }

    /** A source that fetches nothing; for the SSE deployment it streams timestamped probe lines. */
    public static final class NoOpSource implements SourceProvider {
        public String id() {
            return "noop-source";
        }

        public String displayName() {
            return "No-op source";
        }

        public SourceRevision fetch(SourceRequest request, StepContext step) {
            long t0 = System.nanoTime();
            if (step.appName().equals(STREAMING_APP)) {
                try {
                    CLIENT_READY.await(10, TimeUnit.SECONDS);
                    Thread.sleep(200);
                    for (int i = 0; i < SSE_LINES; i++) {
                        step.log().line("sse-probe " + System.nanoTime());
                        Thread.sleep(10);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            timed(step.deploymentId(), t0);
            return new SourceRevision("rev", "bench", "bench", "main");
        }
    }

    /** A builder that builds nothing. */
    public static final class NoOpBuilder implements Builder {
        public String id() {
            return "noop-builder";
        }

        public String displayName() {
            return "No-op builder";
        }

        public boolean detect(Path sourceDir) {
            return true;
        }

        public Artifact build(BuildRequest request, StepContext step) {
            long t0 = System.nanoTime();
            Artifact a = Artifact.of(request.imageTag());
            timed(step.deploymentId(), t0);
            return a;
        }
    }

    /** A deployer that keeps its "releases" in memory. */
    public static final class NoOpDeployer implements Deployer {
        private static final Map<String, Release> RUNNING = new ConcurrentHashMap<>();

        public String id() {
            return "noop-deployer";
        }

        public String displayName() {
            return "No-op deployer";
        }

        public Release start(DeployRequest request, StepContext step) {
            long t0 = System.nanoTime();
            Release r = new Release(request.app() + "-" + request.deploymentId(), request.app(), request.environment(),
                    request.deploymentId(), Optional.of(new Endpoint("127.0.0.1", 9)), request.labels());
            RUNNING.put(r.id(), r);
            timed(step.deploymentId(), t0);
            return r;
        }

        public List<Release> list(String app, Config config) {
            return RUNNING.values().stream().filter(r -> r.app().equals(app)).toList();
        }

        public void retire(Release release, Config config) {
            RUNNING.remove(release.id());
        }
    }

    /** A health check that is always happy. */
    public static final class NoOpHealth implements HealthChecker {
        public String id() {
            return "noop-health";
        }

        public String displayName() {
            return "No-op health";
        }

        public HealthResult check(Release release, Config config, StepContext step) {
            long t0 = System.nanoTime();
            HealthResult h = HealthResult.healthy("ok", 1);
            timed(step.deploymentId(), t0);
            return h;
        }
    }
}
