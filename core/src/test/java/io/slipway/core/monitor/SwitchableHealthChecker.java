package io.slipway.core.monitor;

import io.slipway.plugin.api.config.Config;
import io.slipway.plugin.api.config.ConfigField;
import io.slipway.plugin.api.config.ConfigSchema;
import io.slipway.plugin.api.deploy.Release;
import io.slipway.plugin.api.health.HealthChecker;
import io.slipway.plugin.api.health.HealthResult;
import io.slipway.plugin.api.step.StepContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A health checker that answers unhealthy while the file {@code <dir>/unhealthy} exists. It has
 * the built-in checkers' {@code retries}/{@code startPeriodSeconds} fields: a call with both at 0
 * is the monitor's (the pipeline's own health check passes the app's config), and is counted.
 */
final class SwitchableHealthChecker implements HealthChecker {
    static final String UNHEALTHY = "unhealthy";
    private final Map<String, AtomicInteger> monitorProbes = new ConcurrentHashMap<>();

    @Override
    public String id() {
        return "switchable-health";
    }

    @Override
    public String displayName() {
        return "Switchable health";
    }

    @Override
    public ConfigSchema configSchema() {
        return ConfigSchema.of(ConfigField.text("dir").required(true),
                ConfigField.number("retries").defaultValue("15"), ConfigField.number("startPeriodSeconds").defaultValue("5"));
    }

    @Override
    public HealthResult check(Release release, Config config, StepContext step) {
        Path dir = Path.of(config.require("dir"));
        if (config.integer("retries").orElse(-1) == 0 && config.integer("startPeriodSeconds").orElse(-1) == 0) {
            monitorProbes.computeIfAbsent(dir.toString(), d -> new AtomicInteger()).incrementAndGet();
        }
        return Files.exists(dir.resolve(UNHEALTHY)) ? HealthResult.unhealthy("GET /health answered 500", 1)
                : HealthResult.healthy("GET /health answered 200", 1);
    }

    /** How often the monitor probed the app whose checker config names {@code dir}. */
    int monitorProbes(Path dir) {
        AtomicInteger n = monitorProbes.get(dir.toString());
        return n == null ? 0 : n.get();
    }
}
