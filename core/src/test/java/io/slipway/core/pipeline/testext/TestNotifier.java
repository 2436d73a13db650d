package io.slipway.core.pipeline.testext;

import io.slipway.plugin.api.StepFailedException;
import io.slipway.plugin.api.config.Config;
import io.slipway.plugin.api.config.ConfigSchema;
import io.slipway.plugin.api.notify.DeploymentEvent;
import io.slipway.plugin.api.notify.Notifier;
import java.nio.file.Path;
import org.pf4j.Extension;

/** Writes {@code <dir>/events/<deployment>-<phase>}; with behaviour {@code fail} it always fails. */
@Extension
public final class TestNotifier implements Notifier {
    @Override
    public String id() {
        return "test-notifier";
    }

    @Override
    public String displayName() {
        return "Test notifier";
    }

    @Override
    public ConfigSchema configSchema() {
        return TestBehaviour.schema();
    }

    @Override
    public void notify(DeploymentEvent event, Config config) {
        if (config.text("behaviour").orElse("ok").equals("fail")) {
            throw new StepFailedException("test notifier is down");
        }
        TestBehaviour.touch(Path.of(config.require("dir")).resolve("events")
                .resolve(event.deploymentId() + "-" + event.phase()));
    }
}
