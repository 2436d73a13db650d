package io.slipway.plugins.slack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.slipway.plugin.api.notify.NotifierRetryException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Slack's Web API ({@code chat.postMessage}, {@code chat.update}, {@code auth.test}) and incoming
 * webhooks over {@link HttpClient}. Slack answers most errors with HTTP 200 and
 * {@code {"ok":false,"error":"..."}}; those that no retry can fix become permanent
 * {@link NotifierRetryException}s with a hint, a 429 passes its {@code Retry-After} on.
 */
final class SlackApi {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** Errors a retry cannot fix, with what the user should do. */
    private static final Map<String, String> PERMANENT = Map.ofEntries(
            Map.entry("invalid_auth", "the bot token is not valid: create a new one and save it in the target"),
            Map.entry("not_authed", "no token was sent: save a bot token in the target"),
            Map.entry("token_revoked", "the bot token was revoked: create a new one and save it in the target"),
            Map.entry("token_expired", "the bot token expired: create a new one and save it in the target"),
            Map.entry("account_inactive", "the bot's account is deactivated: reinstall the Slack app"),
            Map.entry("channel_not_found", "the channel does not exist or the bot cannot see it: check the channel "
                    + "and invite the bot with /invite"),
            Map.entry("not_in_channel", "the bot is not in the channel: invite it with /invite"),
            Map.entry("is_archived", "the channel is archived: choose another channel"),
            Map.entry("missing_scope", "the bot token lacks the chat:write scope: add it and reinstall the app"),
            Map.entry("invalid_blocks", "Slack refused the message's blocks: report this to Slipway's maintainers"),
            Map.entry("no_service", "the incoming webhook was removed: create a new one and save its URL"),
            Map.entry("invalid_token", "the incoming webhook URL is not valid: create a new one and save its URL"),
            Map.entry("channel_is_archived", "the webhook's channel is archived: create a webhook for another channel"),
            Map.entry("action_prohibited", "a workspace admin blocked this webhook: ask them to allow it"));
    private static final Set<Integer> WEBHOOK_PERMANENT = Set.of(400, 403, 404, 410);

    private final HttpClient http;

    SlackApi(HttpClient http) {
        this.http = http;
    }

    /** {@code chat.postMessage}; returns the posted message's channel and ts. */
    MessageRef postMessage(SlackSettings s, ObjectNode message) {
        ObjectNode body = message.deepCopy().put("channel", s.channel().orElseThrow());
        JsonNode answer = call(s, "chat.postMessage", body);
        return new MessageRef(answer.path("channel").asText(s.channel().get()), answer.path("ts").asText());
    }

    /** {@code chat.update} of an earlier message; false when Slack no longer has it. */
    boolean update(SlackSettings s, MessageRef ref, ObjectNode message) {
        ObjectNode body = message.deepCopy().put("channel", ref.channel()).put("ts", ref.ts());
        try {
            call(s, "chat.update", body);
            return true;
        } catch (SlackError e) {
            if (e.code.equals("message_not_found") || e.code.equals("cant_update_message")) {
                return false;
            }
            throw e.asRetry();
        }
    }

    /** {@code auth.test}: who the token belongs to. */
    JsonNode authTest(SlackSettings s) {
        return call(s, "auth.test", SlackMessage.JSON.createObjectNode());
    }

    /** Posts to an incoming webhook, which answers plain {@code ok} or an error word. */
    void postWebhook(String url, ObjectNode message) {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(url)), message);
        if (r.statusCode() == 200) {
            return;
        }
        rateLimited(r);
        String word = r.body() == null ? "" : r.body().trim();
        String hint = PERMANENT.getOrDefault(word, "Slack answered HTTP " + r.statusCode());
        String text = "Slack's incoming webhook refused the message: " + (word.isEmpty() ? "" : word + ": ") + hint;
        if (WEBHOOK_PERMANENT.contains(r.statusCode())) {
            throw NotifierRetryException.permanent(text);
        }
        throw NotifierRetryException.retryAfter(text, null);
    }

    private JsonNode call(SlackSettings s, String method, ObjectNode body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(s.apiBaseUrl() + "/" + method))
                .header("Authorization", "Bearer " + s.token().orElseThrow());
        HttpResponse<String> r = send(request, body);
        rateLimited(r);
        if (r.statusCode() >= 500) {
            throw NotifierRetryException.retryAfter("Slack answered HTTP " + r.statusCode() + " to " + method
                    + ": it will be tried again", null);
        }
        JsonNode answer;
        try {
            answer = SlackMessage.JSON.readTree(r.body());
        } catch (JsonProcessingException e) {
            throw NotifierRetryException.retryAfter("Slack answered " + method + " with HTTP " + r.statusCode()
                    + " and no JSON: check the Slack API URL", null);
        }
        if (!answer.path("ok").asBoolean(false)) {
            throw new SlackError(method, answer.path("error").asText("unknown_error"));
        }
        return answer;
    }

    private static void rateLimited(HttpResponse<String> r) {
        if (r.statusCode() == 429) {
            Duration wait = r.headers().firstValue("Retry-After").flatMap(SlackApi::seconds).orElse(null);
            throw NotifierRetryException.retryAfter("Slack is rate limiting: "
                    + (wait == null ? "will retry" : "retrying after " + wait.toSeconds() + " s"), wait);
        }
    }

    private static Optional<Duration> seconds(String header) {
        try {
            return Optional.of(Duration.ofSeconds(Long.parseLong(header.trim())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request, ObjectNode body) {
        try {
            String json = SlackMessage.JSON.writeValueAsString(body);
            return http.send(request.timeout(TIMEOUT).header("Content-Type", "application/json; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw NotifierRetryException.retryAfter("Slack could not be reached (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw NotifierRetryException.retryAfter("Sending to Slack was interrupted", null);
        }
    }

    /** Where a posted message lives, so later events update it. */
    record MessageRef(String channel, String ts) {
    }

    /** An {@code ok:false} answer of the Web API. */
    static final class SlackError extends RuntimeException {
        final String code;

        SlackError(String method, String code) {
            super("Slack refused " + method + ": " + code);
            this.code = code;
        }

        NotifierRetryException asRetry() {
            String hint = PERMANENT.get(code);
            if (hint != null) {
                return NotifierRetryException.permanent("Slack refused the message: " + code + ": " + hint);
            }
            return NotifierRetryException.retryAfter("Slack refused the message: " + code, null);
        }
    }
}
