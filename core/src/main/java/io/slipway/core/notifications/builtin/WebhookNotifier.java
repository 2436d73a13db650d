package io.slipway.core.notifications.builtin;

import io.slipway.plugin.api.config.Config;
import io.slipway.plugin.api.config.ConfigField;
import io.slipway.plugin.api.config.ConfigSchema;
import io.slipway.plugin.api.config.FieldError;
import io.slipway.plugin.api.notify.DeploymentEvent;
import io.slipway.plugin.api.notify.Notifier;
import io.slipway.plugin.api.notify.NotifierRetryException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The built-in outgoing webhook (notifier id {@code webhook}): POSTs the event as JSON (see
 * {@link WebhookPayload} for the shape) to any URL, with headers {@code X-Slipway-Event} (the
 * event's name), {@code X-Slipway-Delivery} (the same id on every retry of one event) and
 * {@code X-Slipway-Signature-256: sha256=<hex HMAC-SHA256 of the body with the secret>}.
 * A 2xx answer is success; 408, 429 and 5xx are retried (honouring {@code Retry-After}); other
 * answers are failures no retry can fix. Plain-http URLs only while an administrator allows them
 * (setting {@code notifications.allowHttp}); the check runs when a target is saved and again before
 * each delivery, so switching the policy off stops deliveries at once.
 */
public final class WebhookNotifier implements Notifier {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    static final String ALLOW_HTTP = "notifications.allowHttp";

    private final HttpClient http;
    private final Predicate<String> policies;

    public WebhookNotifier(HttpClient http, Predicate<String> policies) {
        this.http = http;
        this.policies = policies;
    }

    @Override
    public String id() {
        return "webhook";
    }

    @Override
    public String displayName() {
        return "Outgoing webhook (signed JSON)";
    }

    @Override
    public ConfigSchema configSchema() {
        return ConfigSchema.of(
                ConfigField.text("url").label("URL").required(true).help("Where events are POSTed; https"),
                ConfigField.secret("secret").label("Signing secret").required(true)
                        .help("Signs each body: X-Slipway-Signature-256 = sha256=HMAC-SHA256(body, secret)"));
    }

    @Override
    public List<FieldError> validate(Config config) {
        List<FieldError> errors = new ArrayList<>();
        urlProblem(config.require("url")).ifPresent(m -> errors.add(new FieldError("url", m)));
        if (config.require("secret").length() < 16) {
            errors.add(new FieldError("secret", "must be at least 16 characters"));
        }
        return errors;
    }

    private Optional<String> urlProblem(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            return Optional.of("must be an https:// URL with a host");
        }
        if (scheme.equals("http") && !policies.test(ALLOW_HTTP)) {
            return Optional.of("must use https (plain http is refused unless the administrator allows it)");
        }
        return Optional.empty();
    }

    @Override
    public void notify(DeploymentEvent event, Config config) {
        Optional<String> refused = urlProblem(config.require("url"));
        if (refused.isPresent()) {
            throw NotifierRetryException.permanent("The webhook URL " + refused.get());
        }
        byte[] body = WebhookPayload.of(event).getBytes(StandardCharsets.UTF_8);
        String delivery = UUID.nameUUIDFromBytes((event.deploymentId() + ":" + event.phase() + ":"
                + event.details().event()).getBytes(StandardCharsets.UTF_8)).toString();
        HttpRequest request = HttpRequest.newBuilder(URI.create(config.require("url"))).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .header("User-Agent", "Slipway-Webhook/1")
                .header("X-Slipway-Event", event.details().event())
                .header("X-Slipway-Delivery", delivery)
                .header(WebhookSignature.HEADER, WebhookSignature.of(body, config.require("secret")))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpResponse<Void> r;
        try {
            r = http.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw NotifierRetryException.retryAfter("The webhook URL could not be reached (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "): check the URL and that the receiver runs",
                    null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw NotifierRetryException.retryAfter("Sending the webhook was interrupted", null);
        }
        int status = r.statusCode();
        if (status / 100 == 2) {
            return;
        }
        String text = "The webhook receiver answered HTTP " + status;
        if (status == 408 || status == 429 || status >= 500) {
            Duration wait = r.headers().firstValue("Retry-After").flatMap(WebhookNotifier::seconds).orElse(null);
            throw NotifierRetryException.retryAfter(text, wait);
        }
        throw NotifierRetryException.permanent(text + ": check the URL and the receiver's signature check");
    }

    private static Optional<Duration> seconds(String header) {
        try {
            return Optional.of(Duration.ofSeconds(Long.parseLong(header.trim())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
