package io.slipway.plugins.github;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.kohsuke.github.connector.GitHubConnector;
import org.kohsuke.github.connector.GitHubConnectorRequest;
import org.kohsuke.github.connector.GitHubConnectorResponse;

/**
 * Sends github-api's requests through the server's {@link HttpClient} (its proxy settings apply).
 * github-api's own default, HttpURLConnection, cannot send PATCH (comment updates) on Java 17
 * without opening {@code java.base}; its java.net.http connector hides in a multi-release folder.
 *
 * <pre>{@code
 * new GitHubBuilder().withEndpoint(apiUrl).withConnector(new JdkHttpConnector(context.httpClient()));
 * }</pre>
 */
final class JdkHttpConnector implements GitHubConnector {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http;

    JdkHttpConnector(HttpClient http) {
        this.http = Objects.requireNonNull(http, "http");
    }

    @Override
    public GitHubConnectorResponse send(GitHubConnectorRequest request) throws IOException {
        HttpRequest.Builder builder;
        try {
            builder = HttpRequest.newBuilder(request.url().toURI()).timeout(TIMEOUT);
        } catch (URISyntaxException e) {
            throw new IOException("Invalid GitHub API URL " + request.url(), e);
        }
        for (Map.Entry<String, List<String>> header : request.allHeaders().entrySet()) {
            if (header.getValue() != null && !header.getValue().isEmpty()) {
                builder.header(header.getKey(), String.join(",", header.getValue()));
            }
        }
        HttpRequest.BodyPublisher body = request.hasBody()
                ? HttpRequest.BodyPublishers.ofByteArray(request.body().readAllBytes())
                : HttpRequest.BodyPublishers.noBody();
        try {
            HttpResponse<InputStream> response = http.send(builder.method(request.method(), body).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            return new Response(request, response);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw (InterruptedIOException) new InterruptedIOException("Interrupted while calling GitHub").initCause(e);
        }
    }

    private static final class Response extends GitHubConnectorResponse {
        private final HttpResponse<InputStream> response;

        Response(GitHubConnectorRequest request, HttpResponse<InputStream> response) {
            super(request, response.statusCode(), response.headers().map());
            this.response = response;
        }

        @Override
        public InputStream bodyStream() throws IOException {
            return wrapStream(response.body());
        }

        @Override
        public void close() throws IOException {
            response.body().close();
        }
    }
}
