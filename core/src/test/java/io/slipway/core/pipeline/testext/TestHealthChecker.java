package io.slipway.core.pipeline.testext;

import io.slipway.plugin.api.config.Config;
import io.slipway.plugin.api.config.ConfigSchema;
import io.slipway.plugin.api.deploy.Release;
import io.slipway.plugin.api.health.HealthChecker;
import io.slipway.plugin.api.health.HealthResult;
import io.slipway.plugin.api.step.StepContext;
import org.pf4j.Extension;

/** A health checker whose verdict is its behaviour: {@code fail} answers unhealthy. */
@Extension
public final class TestHealthChecker implements HealthChecker {
    @Override
    public String id() {
        return "test-health";
    }

    @Override
    public String displayName() {
        return "Test health";
    }

    @Override
    public ConfigSchema configSchema() {
        return TestBehaviour.schema();
    }

    @Override
    public HealthResult check(Release release, Config config, StepContext step) {
        if (config.text("behaviour").orElse("ok").equals("fail")) {
            return HealthResult.unhealthy("test release answers 503", 3);
        }
        TestBehaviour.perform("HEALTH_CHECKING", config, step);
        return HealthResult.healthy("test release answers 200", 1);
    }
}
