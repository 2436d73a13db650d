package io.slipway.core.testing;

import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * An HttpClient that passes every request through {@code authenticate} first (adding the test
 * server's bearer token), so tests that use {@link TestServer#http()} directly stay signed in.
 */
public final class AuthenticatingHttpClient extends HttpClient {
    private final HttpClient delegate;
    private final UnaryOperator<HttpRequest> authenticate;

    AuthenticatingHttpClient(HttpClient delegate, UnaryOperator<HttpRequest> authenticate) {
        this.delegate = delegate;
        this.authenticate = authenticate;
    }

    /** A client adding {@code Authorization: Bearer token} to requests without an Authorization header. */
    public static HttpClient withBearer(HttpClient delegate, String token) {
        return new AuthenticatingHttpClient(delegate, r -> r.headers().firstValue("Authorization").isPresent() ? r
                : HttpRequest.newBuilder(r, (n, v) -> true).header("Authorization", "Bearer " + token).build());
    }

    @Override
    public Optional<CookieHandler> cookieHandler() {
        return delegate.cookieHandler();
    }

    @Override
    public Optional<Duration> connectTimeout() {
        return delegate.connectTimeout();
    }

    @Override
    public Redirect followRedirects() {
        return delegate.followRedirects();
    }

    @Override
    public Optional<ProxySelector> proxy() {
        return delegate.proxy();
    }

    @Override
    public SSLContext sslContext() {
        return delegate.sslContext();
    }

    @Override
    public SSLParameters sslParameters() {
        return delegate.sslParameters();
    }

    @Override
    public Optional<Authenticator> authenticator() {
        return delegate.authenticator();
    }

    @Override
    public Version version() {
        return delegate.version();
    }

    @Override
    public Optional<Executor> executor() {
        return delegate.executor();
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        return delegate.send(authenticate.apply(request), handler);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        return delegate.sendAsync(authenticate.apply(request), handler);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
                                                            HttpResponse.PushPromiseHandler<T> push) {
        return delegate.sendAsync(authenticate.apply(request), handler, push);
    }
}
