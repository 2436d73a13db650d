package io.slipway.plugins.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.slipway.plugin.api.ConnectionCheck;
import io.slipway.plugin.api.PluginContext;
import io.slipway.plugin.api.config.Config;
import io.slipway.plugin.api.config.ConfigSchema;
import io.slipway.plugin.api.config.FieldError;
import io.slipway.plugin.api.notify.DeploymentEvent;
import io.slipway.plugin.api.notify.Notifier;
import io.slipway.plugin.api.notify.NotifierRetryException;
import java.util.List;
import java.util.Optional;
import org.pf4j.Extension;

/**
 * Posts deployment events to Slack. With a bot token the first event of a deployment is posted
 * with {@code chat.postMessage} and every later one updates that message ({@code chat.update}),
 * so one deployment is one message; an incoming webhook cannot edit, so it posts once per event.
 */
@Extension
public final class SlackNotifier implements Notifier {
    private final SlackApi api;
    private final MessageRefs refs;
    private final PluginContext context;

    public SlackNotifier(PluginContext context) {
        this.context = context;
        this.api = new SlackApi(context.httpClient());
        this.refs = new MessageRefs(context.dataDir());
    }

    @Override
    public String id() {
        return "slack";
    }

    @Override
    public String displayName() {
        return "Slack";
    }

    @Override
    public ConfigSchema configSchema() {
        return SlackSettings.schema();
    }

    @Override
    public List<FieldError> validate(Config config) {
        return SlackSettings.check(config, context.adminAllows(SlackSettings.ALLOW_HTTP));
    }

    @Override
    public void notify(DeploymentEvent event, Config config) {
        SlackSettings s = SlackSettings.of(config);
        ObjectNode message = SlackMessage.of(event, s);
        if (!s.usesBot()) {
            api.postWebhook(s.webhookUrl().orElseThrow(), message);
            return;
        }
        if (event.isTest()) {
            post(s, message);
            return;
        }
        String key = refs.key(s, event.deploymentId());
        synchronized (refs.lock(key)) {
            Optional<SlackApi.MessageRef> earlier = refs.find(key);
            if (earlier.isPresent() && api.update(s, earlier.get(), message)) {
                return;
            }
            refs.save(key, post(s, message));
        }
    }

    private SlackApi.MessageRef post(SlackSettings s, ObjectNode message) {
        try {
            return api.postMessage(s, message);
        } catch (SlackApi.SlackError e) {
            throw e.asRetry();
        }
    }

    @Override
    public ConnectionCheck testConnection(Config config) {
        SlackSettings s = SlackSettings.of(config);
        if (!s.usesBot()) {
            return ConnectionCheck.notSupported();
        }
        try {
            JsonNode who = api.authTest(s);
            return ConnectionCheck.ok("Connected to Slack workspace " + who.path("team").asText("?") + " as "
                    + who.path("user").asText("?"));
        } catch (SlackApi.SlackError e) {
            return ConnectionCheck.failed(e.asRetry().getMessage());
        } catch (NotifierRetryException e) {
            return ConnectionCheck.failed(e.getMessage());
        }
    }
}
