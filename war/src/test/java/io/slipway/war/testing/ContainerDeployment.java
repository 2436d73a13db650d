package io.slipway.war.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;

/**
 * A war deployed at {@code /} in a stock Jetty 12 (ee10 WebAppContext; annotation scanning on when
 * jetty-ee10-annotations is on the class path, as here) on a free port on 127.0.0.1: Slipway in an
 * outside servlet container. The container owns the environment, so Slipway is configured through
 * system properties ({@code slipway.home}, ports), which {@link #close()} clears again. One
 * deployment per JVM at a time.
 */
public final class ContainerDeployment implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final String[] PROPERTIES = {"slipway.home", "slipway.port", "slipway.router.port", "slipway.admin.token"};

    private final Server server;
    private final WebAppContext webapp;
    private final int port;

    private ContainerDeployment(Server server, WebAppContext webapp, int port) {
        this.server = server;
        this.webapp = webapp;
        this.port = port;
    }

    /** Starts Jetty, deploys the war with the given home, and returns once the webapp started. */
    public static ContainerDeployment deploy(Path war, Path home) throws Exception {
        Objects.requireNonNull(war, "war");
        Objects.requireNonNull(home, "home");
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ContextHandlerCollection contexts = new ContextHandlerCollection();
        server.setHandler(contexts);
        server.start();
        int port = connector.getLocalPort();
        System.setProperty("slipway.home", home.toString());
        System.setProperty("slipway.port", Integer.toString(port));
        System.setProperty("slipway.router.port", Integer.toString(SlipwayProcess.freePort()));
        System.setProperty("slipway.admin.token", SlipwayProcess.ADMIN_TOKEN);

        WebAppContext webapp = new WebAppContext();
        webapp.setContextPath("/");
        webapp.setWar(war.toString());
        webapp.setTempDirectory(Files.createTempDirectory(SlipwayProcess.itDir("jetty"), "webapp-").toFile());
        webapp.setThrowUnavailableOnStartupException(true);
        contexts.addHandler(webapp);
        ContainerDeployment deployment = new ContainerDeployment(server, webapp, port);
        try {
            webapp.start();
        } catch (Exception e) {
            deployment.close();
            throw e;
        }
        return deployment;
    }

    /** Waits until {@code GET /api/v1/health} answers 200; returns how long that took. */
    public Duration awaitHealthy(Duration timeout) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> health = get("/api/v1/health");
                if (health.statusCode() == 200) {
                    return Duration.ofNanos(System.nanoTime() - start);
                }
                if (health.body().contains("\"DOWN\"")) {
                    throw new AssertionError("Slipway failed to start in Jetty: " + health.body());
                }
            } catch (IOException e) {
                // not answering yet
            }
            Thread.sleep(50);
        }
        throw new AssertionError("The war was not healthy in Jetty within " + timeout);
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(SlipwayProcess.authenticated(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(5)).build()),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The webapp's class loader (WEB-INF/classes and WEB-INF/lib). */
    public ClassLoader webappClassLoader() {
        return webapp.getClassLoader();
    }

    /** Undeploys the war, stops Jetty and clears the system properties. */
    @Override
    public void close() throws Exception {
        try {
            server.stop();
        } finally {
            for (String p : PROPERTIES) {
                System.clearProperty(p);
            }
        }
    }
}
