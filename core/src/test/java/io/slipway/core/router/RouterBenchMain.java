package io.slipway.core.router;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * For {@code bench/router}: a Slipway (temporary home) whose app "bench" has its active release on
 * 127.0.0.1:{@code backendPort}; writes the router's port to {@code portFile} and runs until killed.
 *
 * <pre>{@code java -cp ... io.slipway.core.router.RouterBenchMain 8081 /tmp/router.port}</pre>
 */
public final class RouterBenchMain {
    private RouterBenchMain() {
    }

    public static void main(String[] args) throws Exception {
        int backendPort = Integer.parseInt(args[0]);
        Path portFile = Path.of(args[1]);
        RouterTestSupport t = RouterTestSupport.start();
        Runtime.getRuntime().addShutdownHook(new Thread(t::close));
        long id = t.app("bench");
        t.activate(id, "bench", "production", 1, backendPort);
        String probe = t.get("bench.localhost", "/").getContentAsString();
        Files.writeString(portFile, Integer.toString(t.routerPort()));
        System.out.println("router on 127.0.0.1:" + t.routerPort() + " -> backend 127.0.0.1:" + backendPort
                + " (probe: " + probe.strip() + ")");
        Thread.currentThread().join();
    }
}
