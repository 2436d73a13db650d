package io.slipway.core.monitor.internal;

import io.slipway.core.pipeline.ActiveRelease;
import io.slipway.core.pipeline.ChosenExtension;
import io.slipway.core.plugins.ExtensionInvoker;
import io.slipway.plugin.api.StepFailedException;
import io.slipway.plugin.api.config.Config;
import io.slipway.plugin.api.config.ConfigSchema;
import io.slipway.plugin.api.config.FieldType;
import io.slipway.plugin.api.health.HealthChecker;
import io.slipway.plugin.api.health.HealthResult;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Probes a live release once with the app's health checker. The checker's own retries are for a
 * release that is starting; the monitor counts failures over rounds instead, so fields named like
 * the built-in checkers' schedule ({@value #RETRIES}, {@value #START_PERIOD}) are set to 0.
 */
public final class ReleaseProbe {
    static final String RETRIES = "retries";
    static final String START_PERIOD = "startPeriodSeconds";

    private final ExtensionInvoker calls;
    private final Path workspace;
    private final Duration timeout;
    private final Clock clock;
    private final AtomicReference<ProbeStepContext> current = new AtomicReference<>();

    public ReleaseProbe(ExtensionInvoker calls, Path workspace, Duration timeout, Clock clock) {
        this.calls = Objects.requireNonNull(calls, "calls");
        this.workspace = Objects.requireNonNull(workspace, "workspace");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The checker's verdict; a checker that fails (or is no longer installed) counts as unhealthy.
     *
     * @throws io.slipway.plugin.api.StepCancelledException once {@link #cancel()} was called
     */
    public HealthResult probe(String app, ActiveRelease release, ChosenExtension checker) {
        ProbeStepContext step = new ProbeStepContext(String.valueOf(release.deploymentId()), app,
                release.environment(), workspace, clock.instant().plus(timeout));
        current.set(step);
        try {
            return calls.call(checker.registered(), HealthChecker.class,
                    h -> h.check(release.release(), once(h.configSchema(), checker.config()), step));
        } catch (StepFailedException e) {
            return HealthResult.unhealthy("the health check failed: " + e.getMessage(), 1);
        } finally {
            current.set(null);
        }
    }

    /** Stops a probe in progress (the server stops). */
    public void cancel() {
        ProbeStepContext step = current.get();
        if (step != null) {
            step.cancel();
        }
    }

    static Config once(ConfigSchema schema, Config config) {
        Map<String, Object> values = new HashMap<>(config.values());
        for (String field : List.of(RETRIES, START_PERIOD)) {
            if (schema.field(field).filter(f -> f.type() == FieldType.NUMBER).isPresent()) {
                values.put(field, 0L);
            }
        }
        return new Config(values);
    }
}
