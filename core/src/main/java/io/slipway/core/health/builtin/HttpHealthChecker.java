package io.slipway.core.health.builtin;

import io.slipway.plugin.api.StepCancelledException;
import io.slipway.plugin.api.config.Config;
import io.slipway.plugin.api.config.ConfigField;
import io.slipway.plugin.api.config.ConfigSchema;
import io.slipway.plugin.api.config.FieldError;
import io.slipway.plugin.api.deploy.Endpoint;
import io.slipway.plugin.api.deploy.Release;
import io.slipway.plugin.api.health.HealthChecker;
import io.slipway.plugin.api.health.HealthResult;
import io.slipway.plugin.api.step.StepContext;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Built-in health checker {@code http}: GETs a path on the release's loopback endpoint until the
 * status is in the expected range. Redirects are not followed (a 3xx is an answer).
 */
public final class HttpHealthChecker implements HealthChecker {
    static final String PATH = "path";
    static final String EXPECTED_STATUS = "expectedStatus";
    private static final String PATH_PATTERN = "/[A-Za-z0-9\\-._~%!$&'()*+,;=:@/?]*";
    private static final String STATUS_PATTERN = "[1-5][0-9][0-9](-[1-5][0-9][0-9])?";

    // Built on first probe: an HttpClient loads the TLS stack, ~150 ms of start-up otherwise.
    private volatile HttpClient http;

    private HttpClient client() {
        HttpClient c = http;
        if (c == null) {
            synchronized (this) {
                if (http == null) {
                    http = HttpClient.newBuilder()
                            .followRedirects(HttpClient.Redirect.NEVER)
                            .connectTimeout(Duration.ofSeconds(30))
                            .build();
                }
                c = http;
            }
        }
        return c;
    }

    @Override
    public String id() {
        return "http";
    }

    @Override
    public String displayName() {
        return "HTTP request";
    }

    @Override
    public ConfigSchema configSchema() {
        List<ConfigField> fields = new ArrayList<>();
        fields.add(ConfigField.text(PATH).label("Path").defaultValue("/").pattern(PATH_PATTERN)
                .help("The path (and query) to GET, starting with '/'."));
        fields.add(ConfigField.text(EXPECTED_STATUS).label("Expected status").defaultValue("200-399")
                .pattern(STATUS_PATTERN).help("A status code or range, such as 200 or 200-399."));
        fields.addAll(ProbeSchedule.fields());
        return new ConfigSchema(fields);
    }

    @Override
    public List<FieldError> validate(Config config) {
        List<FieldError> errors = new ArrayList<>(ProbeSchedule.check(config));
        int[] range = statusRange(config);
        if (range[0] > range[1]) {
            errors.add(new FieldError(EXPECTED_STATUS, "must be a range from low to high, such as 200-399"));
        }
        return errors;
    }

    @Override
    public HealthResult check(Release release, Config config, StepContext step) {
        String path = config.text(PATH).orElse("/");
        int[] range = statusRange(config);
        return ProbeLoop.run(release, step, ProbeSchedule.from(config),
                (endpoint, timeout, cancelled) -> get(endpoint, path, range, timeout, cancelled));
    }

    private Probe.Outcome get(Endpoint endpoint, String path, int[] range, Duration timeout,
                              CompletableFuture<Void> cancelled) {
        URI uri = URI.create("http://" + Probe.urlHost(endpoint) + ":" + endpoint.port() + path);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).header("User-Agent", "Slipway health check")
                .GET().build();
        // Headers are enough: the body (which may never end) is not read.
        CompletableFuture<HttpResponse<InputStream>> response = client().sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
        String what = "GET " + path;
        try {
            CompletableFuture.anyOf(response, cancelled).get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            if (!response.isDone()) {
                response.cancel(true);
                return Probe.Outcome.failed(what + " was cancelled");
            }
            HttpResponse<InputStream> r = response.get();
            r.body().close();
            int status = r.statusCode();
            return status >= range[0] && status <= range[1]
                    ? Probe.Outcome.ok(what + " answered " + status)
                    : Probe.Outcome.failed(what + " answered " + status + ", expected " + range[0] + "-" + range[1]);
        } catch (TimeoutException e) {
            response.cancel(true);
            return Probe.Outcome.failed(what + " did not answer within " + Probe.seconds(timeout));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof HttpTimeoutException) {
                return Probe.Outcome.failed(what + " did not answer within " + Probe.seconds(timeout));
            }
            if (cause instanceof ConnectException) {
                return Probe.Outcome.failed(what + ": nothing accepts connections at " + Probe.urlHost(endpoint) + ":"
                        + endpoint.port());
            }
            return Probe.Outcome.failed(what + " failed: " + cause);
        } catch (InterruptedException e) {
            response.cancel(true);
            Thread.currentThread().interrupt();
            throw new StepCancelledException("The health check was interrupted.");
        } catch (java.io.IOException e) {
            return Probe.Outcome.failed(what + " failed: " + e.getMessage());
        }
    }

    private static int[] statusRange(Config config) {
        String s = config.text(EXPECTED_STATUS).orElse("200-399");
        String[] parts = s.split("-", 2);
        int low = Integer.parseInt(parts[0]);
        return new int[] {low, parts.length == 2 ? Integer.parseInt(parts[1]) : low};
    }
}
