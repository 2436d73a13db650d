package io.slipway.core.router.internal;

import io.slipway.core.router.AppRoutes;
import io.slipway.core.router.Backend;
import io.slipway.core.router.Route;
import io.slipway.core.router.RouteHosts;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.proxy.ProxyHandler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's jetty-core reverse proxy (what {@code ProxyHandler.Reverse} does, with the backend
 * chosen per request), routed by Host through the current {@link AppRoutes} snapshot: a map
 * lookup per request, no database, no logging, no request attributes. Backend connections are
 * pooled by the proxy's HttpClient, which shares the server's thread pool.
 */
final class RouterHandler extends ProxyHandler {
    private final AppRoutes routes;
    private final Executor executor;
    private final WebSocketTunnel tunnel;
    private final RouterPages pages = new RouterPages();
    // Hands the chosen backend to rewriteHttpURI without a per-request attribute map.
    private final ThreadLocal<Backend> chosen = new ThreadLocal<>();
    // One counter for all routes: each route with replicas still takes them in turn, near enough.
    private final AtomicLong requests = new AtomicLong();

    RouterHandler(AppRoutes routes, Executor executor, WebSocketTunnel tunnel) {
        this.routes = routes;
        this.executor = executor;
        this.tunnel = tunnel;
    }

    private static String host(Request request) {
        String host = request.getHeaders().get(HttpHeader.HOST);
        if (host == null) {
            host = request.getHttpURI().getHost() == null ? "" : request.getHttpURI().getHost();
        }
        return host;
    }

    /** The backend {@link #handle} chose; ProxyHandler asks for it synchronously, on the same thread. */
    @Override
    protected HttpURI rewriteHttpURI(Request request) {
        Backend b = chosen.get();
        return HttpURI.build(request.getHttpURI()).scheme("http").host(b.host()).port(b.port());
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String host = host(request);
        Optional<Route> found = routes.current().find(host);
        if (found.isEmpty()) {
            pages.unknownHost(request, response, callback, RouteHosts.normalize(host));
            return true;
        }
        Route route = found.get();
        if (route.backend().isEmpty()) {
            pages.noRelease(request, response, callback, route.app(), route.environment());
            return true;
        }
        Backend backend = route.replicas().isEmpty() ? route.backend().get()
                : route.backendFor(requests.getAndIncrement()).orElseThrow();
        if (WebSocketTunnel.isUpgrade(request)) {
            // The handshake blocks on the backend socket: not on the thread that may be Jetty's selector.
            executor.execute(() -> {
                try {
                    tunnel.open(request, response, callback, backend,
                            () -> pages.badGateway(request, response, callback, route.app(), route.environment()));
                } catch (RuntimeException | Error e) {
                    callback.failed(e);
                }
            });
            return true;
        }
        chosen.set(backend);
        try {
            return super.handle(request, response, callback);
        } finally {
            chosen.remove();
        }
    }

    /**
     * Proxying never blocks (request and response bodies flow through callbacks), so Jetty may run
     * it on the thread that read the request instead of handing every request to another thread.
     */
    @Override
    public InvocationType getInvocationType() {
        return InvocationType.NON_BLOCKING;
    }

    /**
     * ProxyHandler's copy minus its per-header callbacks: the end-to-end headers and the
     * X-Forwarded ones go in one pass. Hop-by-hop headers, and those the Connection header names,
     * stay behind.
     */
    @Override
    protected void copyRequestHeaders(Request clientToProxyRequest, org.eclipse.jetty.client.Request proxyToServerRequest) {
        HttpFields in = clientToProxyRequest.getHeaders();
        Set<String> named = HopHeaders.namedByConnection(in);
        proxyToServerRequest.headers(out -> {
            for (HttpField field : in) {
                if (!HopHeaders.isHopByHop(field) && (named.isEmpty() || !named.contains(field.getLowerCaseName()))) {
                    out.add(field);
                }
            }
            ForwardedHeaders.put(clientToProxyRequest, out);
        });
    }

    /** Done in {@link #copyRequestHeaders}; no Via or Forwarded (apps read X-Forwarded-*). */
    @Override
    protected void addProxyHeaders(Request clientToProxyRequest, org.eclipse.jetty.client.Request proxyToServerRequest) {
    }

    @Override
    protected void onServerToProxyResponseFailure(Request clientToProxyRequest,
                                                  org.eclipse.jetty.client.Request proxyToServerRequest,
                                                  org.eclipse.jetty.client.Response serverToProxyResponse,
                                                  Response proxyToClientResponse, Callback proxyToClientCallback,
                                                  Throwable failure) {
        if (proxyToClientResponse.isCommitted()) {
            proxyToClientCallback.failed(failure);
            return;
        }
        proxyToClientResponse.reset();
        Optional<Route> route = routes.current().find(host(clientToProxyRequest));
        pages.badGateway(clientToProxyRequest, proxyToClientResponse, proxyToClientCallback,
                route.map(Route::app).orElse("?"), route.map(Route::environment).orElse("?"));
    }

    @Override
    protected HttpClient newHttpClient() {
        ClientConnector connector = new ClientConnector();
        connector.setExecutor(executor);
        connector.setSelectors(1);
        return new HttpClient(new HttpClientTransportOverHTTP(connector));
    }

    @Override
    protected void configureHttpClient(HttpClient client) {
        super.configureHttpClient(client);
        client.setExecutor(executor);
        client.setMaxConnectionsPerDestination(512);
        client.setMaxRequestsQueuedPerDestination(8192);
        client.setConnectTimeout(5_000);
        // Below common keep-alive timeouts of app servers, so a pooled connection is rarely reused
        // just as the backend closes it.
        client.setIdleTimeout(15_000);
        client.setUserAgentField(null);
    }
}
