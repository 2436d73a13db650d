package io.slipway.war.testing;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One client sending requests back to back through the router to a host, counting answers, until
 * stopped, a request cap or a deadline: for proving that switches drop no request.
 *
 * <pre>{@code
 * RouterTraffic traffic = RouterTraffic.start(router, "web.localhost", "hello v", 20_000, Duration.ofSeconds(120));
 * ... redeploy ...
 * traffic.stop();
 * assertEquals(0, traffic.failures.get(), traffic.firstFailure.get());
 * }</pre>
 */
public final class RouterTraffic {
    public final AtomicInteger ok = new AtomicInteger();
    public final AtomicInteger failures = new AtomicInteger();
    /** How many times the answer's body changed (a new release answered). */
    public final AtomicInteger versionsSeen = new AtomicInteger();
    public final AtomicReference<String> firstFailure = new AtomicReference<>("");
    public final AtomicReference<String> last = new AtomicReference<>("");
    private final Map<String, AtomicInteger> answers = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    private RouterTraffic(RouterClient router, String host, String expected, int maxRequests, Duration limit) {
        thread = new Thread(() -> {
            String version = "";
            long deadline = System.nanoTime() + limit.toNanos();
            while (running.get() && ok.get() + failures.get() < maxRequests && System.nanoTime() < deadline) {
                String outcome;
                boolean good;
                try {
                    RouterClient.Reply r = router.get(host, "/");
                    outcome = r.status() + " " + r.body();
                    good = r.status() == 200 && r.body().contains(expected);
                } catch (IOException | RuntimeException e) {
                    outcome = e.toString();
                    good = false;
                }
                last.set(outcome);
                if (good) {
                    ok.incrementAndGet();
                    answers.computeIfAbsent(outcome, k -> new AtomicInteger()).incrementAndGet();
                    if (!outcome.equals(version)) {
                        version = outcome;
                        versionsSeen.incrementAndGet();
                    }
                } else if (failures.incrementAndGet() == 1) {
                    firstFailure.set(outcome);
                }
            }
        }, "router-traffic");
        thread.setDaemon(true);
    }

    /** @param expected text every good answer's body contains */
    public static RouterTraffic start(RouterClient router, String host, String expected, int maxRequests,
                                      Duration limit) {
        RouterTraffic t = new RouterTraffic(router, host, expected, maxRequests, limit);
        t.thread.start();
        return t;
    }

    /** Good answers whose body contains {@code text}. */
    public int served(String text) {
        return answers.entrySet().stream().filter(e -> e.getKey().contains(text))
                .mapToInt(e -> e.getValue().get()).sum();
    }

    public void stop() throws InterruptedException {
        running.set(false);
        thread.join(10_000);
    }
}
