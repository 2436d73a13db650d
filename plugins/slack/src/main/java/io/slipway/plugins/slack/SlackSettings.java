package io.slipway.plugins.slack;

import io.slipway.plugin.api.config.Config;
import io.slipway.plugin.api.config.ConfigField;
import io.slipway.plugin.api.config.ConfigSchema;
import io.slipway.plugin.api.config.FieldError;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A Slack target's settings: an incoming-webhook URL, or a bot token and a channel.
 *
 * @param webhookUrl the incoming webhook (one message per event: webhooks cannot edit messages)
 * @param token the bot token ({@code xoxb-...}) used with {@code chat.postMessage}/{@code chat.update}
 * @param channel the channel id or name the bot posts to
 * @param apiBaseUrl Slack's Web API; tests point it at a local server
 * @param mentionOnFailure who to mention when a deployment fails ({@code @here}, {@code <@U123>})
 * @param mentionOnSuccess who to mention when a deployment succeeds
 * @param mentionEnvironments the environments whose events carry mentions; empty means all
 */
record SlackSettings(Optional<String> webhookUrl, Optional<String> token, Optional<String> channel, String apiBaseUrl,
                     Optional<String> mentionOnFailure, Optional<String> mentionOnSuccess,
                     Set<String> mentionEnvironments) {
    static final String DEFAULT_API = "https://slack.com/api";
    /** The admin policy that allows plain-http URLs (tests, closed networks). */
    static final String ALLOW_HTTP = "notifications.allowHttp";

    static ConfigSchema schema() {
        return ConfigSchema.of(
                ConfigField.secret("webhookUrl").label("Incoming webhook URL")
                        .help("https://hooks.slack.com/services/...; posts one message per event. Leave empty when using a bot token"),
                ConfigField.secret("token").label("Bot token")
                        .help("xoxb-... with the chat:write scope; one message per deployment, updated as it progresses"),
                ConfigField.text("channel").label("Channel").pattern("[#@]?[A-Za-z0-9._-]{1,80}")
                        .help("Channel id (C0123...) or name, for a bot token; invite the bot to it"),
                ConfigField.text("mentionOnFailure").label("Mention on failure").pattern("[@<>!A-Za-z0-9|_ -]{0,200}")
                        .help("@here, @channel or <@U0123> when a deployment fails"),
                ConfigField.text("mentionOnSuccess").label("Mention on success").pattern("[@<>!A-Za-z0-9|_ -]{0,200}")
                        .help("Who to mention when a deployment succeeds"),
                ConfigField.text("mentionEnvironments").label("Mention in environments").pattern("[a-z0-9, -]{0,400}")
                        .help("Comma-separated environments whose events carry mentions (e.g. production); empty means all"),
                ConfigField.text("apiBaseUrl").label("Slack API URL (advanced)").defaultValue(DEFAULT_API)
                        .help("Only for proxies and tests"));
    }

    static SlackSettings of(Config config) {
        Set<String> envs = Arrays.stream(config.text("mentionEnvironments").orElse("").split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
        String api = config.text("apiBaseUrl").orElse(DEFAULT_API);
        return new SlackSettings(config.text("webhookUrl"), config.text("token"), config.text("channel"),
                api.endsWith("/") ? api.substring(0, api.length() - 1) : api,
                config.text("mentionOnFailure").filter(s -> !s.isBlank()),
                config.text("mentionOnSuccess").filter(s -> !s.isBlank()), envs);
    }

    boolean usesBot() {
        return token.isPresent();
    }

    /** Cross-field checks: exactly one way to reach Slack, well-formed URLs and token. Pure. */
    static List<FieldError> check(Config config, boolean allowHttp) {
        SlackSettings s = of(config);
        List<FieldError> errors = new ArrayList<>();
        if (s.webhookUrl.isPresent() == s.token.isPresent()) {
            errors.add(new FieldError("webhookUrl", "give either an incoming webhook URL or a bot token and a channel"));
        }
        s.webhookUrl.flatMap(u -> urlProblem(u, allowHttp)).ifPresent(m -> errors.add(new FieldError("webhookUrl", m)));
        urlProblem(s.apiBaseUrl, allowHttp).ifPresent(m -> errors.add(new FieldError("apiBaseUrl", m)));
        s.token.filter(t -> !t.matches("xox[bpa]-[A-Za-z0-9-]{8,250}"))
                .ifPresent(t -> errors.add(new FieldError("token", "is not a Slack token: a bot token starts with xoxb-")));
        if (s.token.isPresent() && s.channel.isEmpty()) {
            errors.add(new FieldError("channel", "is required with a bot token"));
        }
        return errors;
    }

    /** Why a URL is unusable; plain http only when an administrator allows it. */
    static Optional<String> urlProblem(String url, boolean allowHttp) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (java.net.URISyntaxException e) {
            return Optional.of("is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            return Optional.of("must be an https:// URL with a host");
        }
        if (scheme.equals("http") && !allowHttp) {
            return Optional.of("must use https (plain http is refused unless the administrator allows it)");
        }
        return Optional.empty();
    }
}
