package io.slipway.core.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.client.ContentResponse;
import org.junit.jupiter.api.Test;

/** Switching traffic under load: every request is answered by one release or the other, none fails. */
class AtomicSwitchTest {
    @Test
    void noRequestFailsWhileTrafficFlipsBetweenTwoReleases() throws Exception {
        try (RouterTestSupport t = RouterTestSupport.start();
             TestBackend blue = TestBackend.start("blue");
             TestBackend green = TestBackend.start("green")) {
            long id = t.app("shop");
            t.activate(id, "shop", "production", 1, blue.port());
            String url = "http://127.0.0.1:" + t.routerPort() + "/";
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger sent = new AtomicInteger();
            List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
            ConcurrentHashMap<String, AtomicInteger> answeredBy = new ConcurrentHashMap<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < 2; c++) {
                Thread client = new Thread(() -> {
                    while (!stop.get() && System.nanoTime() < deadline && sent.incrementAndGet() <= 4_000) {
                        try {
                            ContentResponse r = t.client().newRequest(url).headers(h -> h.put("Host", "shop.localhost"))
                                    .timeout(5, TimeUnit.SECONDS).send();
                            if (r.getStatus() != 200) {
                                failures.add(r.getStatus() + " " + r.getContentAsString());
                            } else {
                                answeredBy.computeIfAbsent(r.getContentAsString(), k -> new AtomicInteger()).incrementAndGet();
                            }
                        } catch (Exception e) {
                            failures.add(e.toString());
                        }
                    }
                }, "switch-load-" + c);
                client.start();
                clients.add(client);
            }
            for (int flip = 0; flip < 20; flip++) {
                Thread.sleep(40);
                boolean toGreen = flip % 2 == 0;
                t.activate(id, "shop", "production", 2 + flip, toGreen ? green.port() : blue.port());
            }
            Thread.sleep(40);
            stop.set(true);
            for (Thread client : clients) {
                client.join(10_000);
            }
            assertEquals(List.of(), failures.subList(0, Math.min(5, failures.size())),
                    failures.size() + " of " + sent.get() + " requests failed");
            assertTrue(answeredBy.containsKey("blue /") && answeredBy.containsKey("green /"), answeredBy.toString());
            assertTrue(sent.get() > 100, "only " + sent.get() + " requests were sent");
        }
    }
}
