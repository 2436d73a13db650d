package io.slipway.core.webhooks;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.slipway.core.config.SlipwayConfig;
import io.slipway.core.pipeline.testext.TestExtensions;
import io.slipway.core.plugins.ExtensionRegistry;
import io.slipway.core.plugins.RegisteredExtension;
import io.slipway.core.server.SlipwayContextListener;
import io.slipway.core.server.SlipwayCore;
import io.slipway.core.testing.AuthenticatingHttpClient;
import io.slipway.core.testing.TestServer;
import io.slipway.plugin.api.ExtensionPointId;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.jdbi.v3.core.Jdbi;

/**
 * bench/webhooks: verified push deliveries persisted per second at concurrency 64 on 127.0.0.1
 * (H2 file database), each signed as GitHub signs (HMAC-SHA256), each recorded once and queueing
 * one deployment; p50/p99 latency; lost (accepted but not recorded) and duplicated (more
 * deployments than accepted deliveries, or a redelivery not answered "duplicate") counts. The same
 * Jetty, with Slipway's filters, answering an empty 200 is the ceiling. JUnit-free; bounded by
 * request counts and a watchdog.
 */
public final class WebhookBench {
    private static final ObjectMapper JSON = new ObjectMapper();

    private WebhookBench() {
    }

    public static void main(String[] args) throws Exception {
        int deliveries = Integer.getInteger("bench.deliveries", 20_000);
        int concurrency = Integer.getInteger("bench.concurrency", 64);
        int appCount = Integer.getInteger("bench.apps", 10);
        int warmup = Integer.getInteger("bench.warmup", 20_000);
        int limitSeconds = Integer.getInteger("bench.maxSeconds", 300);
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(limitSeconds * 1000L);
                System.out.println("bench/webhooks: gave up after " + limitSeconds + " s");
                Runtime.getRuntime().halt(3);
            } catch (InterruptedException e) {
                // finished in time
            }
        }, "bench-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();

        Path home = Files.createTempDirectory("slipway-bench-hooks-");
        SlipwayConfig config = new SlipwayConfig(home, 0, 0, "localhost",
                "jdbc:h2:file:" + home.resolve("data/slipway") + ";DB_CLOSE_ON_EXIT=FALSE" + System.getProperty("bench.h2", ""), "", "", Optional.empty(),
                Optional.of(TestServer.ADMIN_TOKEN), Integer.getInteger("bench.workers", 2), 1 << 20, 1 << 20, "http://localhost", Optional.empty(),
                Optional.empty(), 0, 0);
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        context.setAttribute(SlipwayContextListener.CONFIG, config);
        context.addEventListener(new SlipwayContextListener());
        context.addServlet(new ServletHolder(new EmptyOk()), "/bench-empty");
        server.setHandler(context);
        int code = 1;
        try {
            server.start();
            int port = connector.getLocalPort();
            SlipwayCore core = SlipwayContextListener.bootOf(context.getServletContext()).orElseThrow().await();
            Path dir = Files.createDirectories(home.resolve("bench-effects"));
            ExtensionRegistry registry = core.service(ExtensionRegistry.class);
            TestExtensions.register(registry);
            registry.put(TestWebhookReceiver.ID, List.of(
                    new RegisteredExtension(ExtensionPointId.WEBHOOK, TestWebhookReceiver.ID, new TestWebhookReceiver()),
                    new RegisteredExtension(ExtensionPointId.SOURCE, TestWebhookReceiver.ID, new TestRepoSource())));
            List<String> secrets = setUp(port, appCount, dir);
            code = measure(port, core.service(Jdbi.class), secrets, deliveries, warmup, concurrency);
            enqueueAlone(core, Math.min(deliveries, 5000), concurrency);
        } finally {
            server.stop();
            try (Stream<Path> files = Files.walk(home)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        System.exit(code);
    }

    private static int measure(int port, Jdbi jdbi, List<String> secrets, int n, int warmup, int concurrency)
            throws Exception {
        System.out.printf("bench/webhooks: %d verified push deliveries at concurrency %d over %d apps (+%d warm-up), "
                + "127.0.0.1, H2 file database, builds taking 2 s%n", n, concurrency, secrets.size(), warmup);
        List<byte[]> warm = deliveries("warm", warmup, secrets);
        BenchLoad.run(port, warm, concurrency, false);
        BenchLoad.run(port, empties(warmup, warm), concurrency, false);

        List<byte[]> hooks = deliveries("run", n, secrets);
        BenchLoad.Result ceiling = BenchLoad.run(port, empties(n, hooks), concurrency, false);
        ThreadTimes threads = ThreadTimes.now();
        BenchLoad.Result run = profiled(() -> BenchLoad.run(port, hooks, concurrency, false));
        String busy = threads.busySince(run.seconds());
        BenchLoad.Result again = BenchLoad.run(port, hooks.subList(0, Math.min(1000, n)), concurrency, false);

        int accepted = run.statuses().getOrDefault(202, 0);
        long recorded = jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM webhook_deliveries WHERE delivery_id "
                + "LIKE 'run-%' AND claim_key IS NOT NULL").mapTo(Long.class).one());
        long deployments = jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM deployments WHERE trigger_kind = "
                + "'webhook'").mapTo(Long.class).one());
        long acceptedOverall = accepted + warmup;
        long lost = Math.max(0, accepted - recorded) + (n - accepted);
        long duplicated = Math.max(0, deployments - acceptedOverall)
                + (again.sent() - again.statuses().getOrDefault(200, 0));

        System.out.printf("%-34s %10s %9s %9s %12s%n", "", "per second", "p50 ms", "p99 ms", "CPU us/req");
        System.out.printf("%-34s %10.0f %9.2f %9.2f %12.0f%n", "same Jetty, empty 200 (ceiling)", ceiling.perSecond(),
                ceiling.p50Micros() / 1000.0, ceiling.p99Micros() / 1000.0, ceiling.cpuMicrosPerRequest());
        System.out.printf("%-34s %10.0f %9.2f %9.2f %12.0f%n", "verified deliveries persisted", run.perSecond(),
                run.p50Micros() / 1000.0, run.p99Micros() / 1000.0, run.cpuMicrosPerRequest());
        System.out.printf("%-34s %10.0f %9.2f %9.2f %12.0f%n", "redeliveries (answered duplicate)", again.perSecond(),
                again.p50Micros() / 1000.0, again.p99Micros() / 1000.0, again.cpuMicrosPerRequest());
        System.out.printf("statuses: deliveries %s, redeliveries %s, ceiling %s%n", run.statuses(), again.statuses(),
                ceiling.statuses());
        System.out.printf("recorded %d of %d accepted; deployments queued %d for %d accepted (incl. warm-up)%n",
                recorded, accepted, deployments, acceptedOverall);
        System.out.printf("lost %d, duplicated %d%n", lost, duplicated);
        System.out.println("busy threads during the deliveries (share of one core): " + busy);
        double ratio = run.perSecond() / ceiling.perSecond();
        System.out.printf("deliveries / ceiling = %.2f%n", ratio);
        boolean rate = run.perSecond() >= 3000;
        boolean p99 = run.p99Micros() <= 50_000;
        System.out.printf("target >= 3000/s: %s; p99 <= 50 ms: %s; zero lost: %s; zero duplicated: %s%n",
                rate ? "MET" : "NOT MET", p99 ? "MET" : "NOT MET", lost == 0 ? "MET" : "NOT MET",
                duplicated == 0 ? "MET" : "NOT MET");
        return rate && p99 && lost == 0 && duplicated == 0 ? 0 : 2;
    }

    /**
     * With {@code -Dbench.profile=FILE}, a JFR recording of the measured deliveries only (Java
     * samples every millisecond), so a profile is not blurred by the warm-up or the ceiling.
     */
    private static BenchLoad.Result profiled(java.util.concurrent.Callable<BenchLoad.Result> load) throws Exception {
        String file = System.getProperty("bench.profile", "");
        if (file.isEmpty()) {
            return load.call();
        }
        try (jdk.jfr.Recording recording = new jdk.jfr.Recording()) {
            recording.enable("jdk.ExecutionSample").withPeriod(java.time.Duration.ofMillis(1)).withStackTrace();
            recording.enable("jdk.ObjectAllocationSample").with("throttle", "2000/s").withStackTrace();
            recording.start();
            BenchLoad.Result result = load.call();
            recording.stop();
            recording.dump(Path.of(file));
            return result;
        }
    }

    /**
     * Where the time goes: the pipeline's enqueue alone, called in-process from as many threads,
     * without HTTP, signature or delivery record.
     */
    private static void enqueueAlone(SlipwayCore core, int n, int concurrency) throws InterruptedException {
        var deployments = core.service(io.slipway.core.pipeline.Pipeline.class).deployments();
        Jdbi jdbi = core.service(Jdbi.class);
        long appId = jdbi.withHandle(h -> h.createQuery("SELECT id FROM apps WHERE name = 'app-0'").mapTo(Long.class).one());
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(concurrency);
        long start = System.nanoTime();
        for (int t = 0; t < concurrency; t++) {
            Thread th = new Thread(() -> {
                try {
                    for (int i; (i = next.getAndIncrement()) < n; ) {
                        deployments.queueTriggered(appId, "production", "main",
                                Optional.of(String.format("%040x", 900_000L + i)), "bench", "bench");
                    }
                } finally {
                    done.countDown();
                }
            });
            th.setDaemon(true);
            th.start();
        }
        done.await();
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("for comparison: DeploymentService.queueTriggered alone, in-process, %d threads: %.0f/s%n",
                concurrency, n / seconds);
    }

    private static List<byte[]> deliveries(String prefix, int n, List<String> secrets) {
        List<byte[]> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int app = i % secrets.size();
            String sha = String.format("%040x", (long) i * 7919 + 1);
            byte[] body = WebhookTestSupport.push("acme/app-" + app, "refs/heads/main", sha, "src/file-" + i + ".js")
                    .getBytes(StandardCharsets.UTF_8);
            out.add(BenchLoad.post("/hooks/" + TestWebhookReceiver.ID, Map.of("Content-Type", "application/json",
                    "X-GitHub-Event", "push", "X-GitHub-Delivery", prefix + "-" + i,
                    "X-Hub-Signature-256", TestWebhookReceiver.signature(secrets.get(app), body),
                    "User-Agent", "GitHub-Hookshot/bench"), body));
        }
        return out;
    }

    /** Requests of the same sizes to the empty-200 servlet. */
    private static List<byte[]> empties(int n, List<byte[]> like) {
        List<byte[]> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String s = new String(like.get(i % like.size()), StandardCharsets.ISO_8859_1);
            out.add(s.replaceFirst("^POST /hooks/[^ ]+ ", "POST /bench-empty ").getBytes(StandardCharsets.ISO_8859_1));
        }
        return out;
    }

    private static List<String> setUp(int port, int apps, Path dir) throws IOException, InterruptedException {
        HttpClient http = AuthenticatingHttpClient.withBearer(HttpClient.newHttpClient(), TestServer.ADMIN_TOKEN);
        call(http, port, "POST", "/api/v1/projects", Map.of("name", "bench"), 201);
        List<String> secrets = new ArrayList<>();
        for (int i = 0; i < apps; i++) {
            Map<String, Object> d = Map.of("dir", dir.toString());
            call(http, port, "POST", "/api/v1/apps", Map.of("project", "bench", "name", "app-" + i,
                    "source", Map.of("type", "repo-source", "config", Map.of("url", "https://github.com/acme/app-" + i,
                            "branch", "main", "dir", dir.toString())),
                    // Builds take 2 s (real ones take minutes): the workers run at the pace of real
                    // deployments while the intake is measured, not as a no-op tight loop.
                    "builder", Map.of("type", "test-builder", "config", Map.of("dir", dir.toString(),
                            "behaviour", "slow", "millis", 2000)),
                    "deployer", Map.of("type", "test-deployer", "config", d),
                    "health", Map.of("type", "test-health", "config", d)), 201);
            secrets.add(JSON.readTree(call(http, port, "POST", "/api/v1/apps/app-" + i + "/webhook-secret", Map.of(), 201))
                    .get("secret").asText());
        }
        return secrets;
    }

    private static String call(HttpClient http, int port, String method, String path, Object body, int expected)
            throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    /** The ceiling: Slipway's Jetty and filters, answering an empty 200 after reading the body. */
    private static final class EmptyOk extends HttpServlet {
        @Override
        protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            req.getInputStream().readAllBytes();
            resp.setStatus(200);
            resp.setContentLength(0);
        }
    }
}
