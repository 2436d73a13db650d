package io.slipway.core.router;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.slipway.core.pipeline.Pipeline;
import io.slipway.core.pipeline.TrafficSwitch;
import io.slipway.core.testing.TestServer;
import io.slipway.plugin.api.deploy.Endpoint;
import io.slipway.plugin.api.deploy.Release;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.http.HttpHeader;
import org.jdbi.v3.core.Jdbi;

/**
 * A Slipway test server with its router, apps made over the REST API, active releases set through
 * the pipeline's {@link TrafficSwitch}, and an HTTP client that sends any Host header to the router.
 */
final class RouterTestSupport implements AutoCloseable {
    final TestServer server;
    private final HttpClient client = new HttpClient();
    private boolean projectMade;

    RouterTestSupport(TestServer server) {
        this.server = server;
        try {
            client.setFollowRedirects(false);
            client.start();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static RouterTestSupport start() {
        return new RouterTestSupport(TestServer.start());
    }

    int routerPort() {
        return server.core().service(AppRouter.class).port().orElseThrow(() -> new AssertionError("router is off"));
    }

    /** Creates an app (and the project "shop" once); returns its id. */
    long app(String name) {
        if (!projectMade) {
            HttpResponse<String> p = server.postJson("/api/v1/projects", "{\"name\":\"shop\"}");
            if (p.statusCode() != 201 && p.statusCode() != 409) {
                throw new AssertionError(p.body());
            }
            projectMade = true;
        }
        HttpResponse<String> r = server.postJson("/api/v1/apps", "{\"project\":\"shop\",\"name\":\"" + name + "\"}");
        assertEquals(201, r.statusCode(), r.body());
        return appId(name);
    }

    long appId(String name) {
        return server.core().service(Jdbi.class).withHandle(h -> h.createQuery("SELECT id FROM apps WHERE name = :n")
                .bind("n", name).mapTo(Long.class).one());
    }

    TrafficSwitch traffic() {
        return server.core().service(Pipeline.class).traffic();
    }

    /** Makes a release listening on 127.0.0.1:{@code port} the active one of app+environment. */
    void activate(long appId, String app, String environment, long deploymentId, int port) {
        activate(appId, app, environment, deploymentId, port, Map.of());
    }

    /** As {@link #activate(long, String, String, long, int)}, with the release's labels. */
    void activate(long appId, String app, String environment, long deploymentId, int port, Map<String, String> labels) {
        Release release = new Release("r-" + deploymentId, app, environment, String.valueOf(deploymentId),
                Optional.of(new Endpoint("127.0.0.1", port)), labels);
        traffic().switchTo(appId, environment, deploymentId, release);
    }

    ContentResponse get(String host, String path) {
        return get(host, path, null);
    }

    ContentResponse get(String host, String path, String accept) {
        try {
            return client.newRequest("http://127.0.0.1:" + routerPort() + path)
                    .headers(h -> {
                        h.put(HttpHeader.HOST, host);
                        if (accept != null) {
                            h.put(HttpHeader.ACCEPT, accept);
                        }
                    })
                    .timeout(10, TimeUnit.SECONDS).send();
        } catch (Exception e) {
            throw new AssertionError("request to the router failed: " + e, e);
        }
    }

    HttpClient client() {
        return client;
    }

    @Override
    public void close() {
        try {
            client.stop();
        } catch (Exception ignored) {
            // stopping anyway
        }
        server.close();
    }
}
