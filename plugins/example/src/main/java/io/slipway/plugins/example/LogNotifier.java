package io.slipway.plugins.example;

import io.slipway.plugin.api.ConnectionCheck;
import io.slipway.plugin.api.PluginContext;
import io.slipway.plugin.api.config.Config;
import io.slipway.plugin.api.config.ConfigField;
import io.slipway.plugin.api.config.ConfigSchema;
import io.slipway.plugin.api.notify.DeploymentEvent;
import io.slipway.plugin.api.notify.Notifier;
import java.util.List;
import org.pf4j.Extension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes each deployment event to the server log, with a configurable prefix. */
@Extension
public final class LogNotifier implements Notifier {
    private static final Logger LOG = LoggerFactory.getLogger(LogNotifier.class);

    private final PluginContext context;

    public LogNotifier(PluginContext context) {
        this.context = context;
    }

    @Override
    public String id() {
        return "log";
    }

    @Override
    public String displayName() {
        return "Server log (example " + context.pluginVersion() + ")";
    }

    @Override
    public ConfigSchema configSchema() {
        return ConfigSchema.of(
                ConfigField.text("prefix").label("Prefix").defaultValue("[deploy]").pattern("[^\\s]{1,20}")
                        .help("Written before each event"),
                ConfigField.choice("level", List.of("info", "warn")).label("Level").defaultValue("info"));
    }

    @Override
    public void notify(DeploymentEvent event, Config config) {
        String prefix = config.text("prefix").orElse("[deploy]");
        if (config.text("level").orElse("info").equals("warn")) {
            LOG.warn("{} {} {} is {}", prefix, event.app(), event.environment(), event.phase());
        } else {
            LOG.info("{} {} {} is {}", prefix, event.app(), event.environment(), event.phase());
        }
    }

    @Override
    public ConnectionCheck testConnection(Config config) {
        return ConnectionCheck.ok("example plugin " + context.pluginVersion() + " writes to the server log");
    }
}
