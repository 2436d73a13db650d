package io.slipway.core.webhooks;

import io.slipway.plugin.api.config.Config;
import io.slipway.plugin.api.config.ConfigSchema;
import io.slipway.plugin.api.notify.DeploymentEvent;
import io.slipway.plugin.api.notify.Notifier;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps {@code <event> <app> <environment>} of every event it is sent. */
public final class RecordingNotifier implements Notifier {
    private final List<String> received = new CopyOnWriteArrayList<>();

    @Override
    public String id() {
        return "recording-notifier";
    }

    @Override
    public String displayName() {
        return "Recording notifier";
    }

    @Override
    public ConfigSchema configSchema() {
        return ConfigSchema.empty();
    }

    @Override
    public void notify(DeploymentEvent event, Config config) {
        received.add(event.details().event() + " " + event.app() + " " + event.environment());
    }

    public List<String> received() {
        return List.copyOf(received);
    }
}
