package io.slipway.core.monitor.internal;

import io.slipway.plugin.api.StepFailedException;
import io.slipway.plugin.api.step.Cancellation;
import io.slipway.plugin.api.step.DeploymentLog;
import io.slipway.plugin.api.step.ProcessRunner;
import io.slipway.plugin.api.step.StepContext;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one monitoring probe hands the health checker: no deployment is running, so its log goes
 * to the server's debug log, it may run no processes, and it is cancelled when the server stops.
 */
final class ProbeStepContext implements StepContext, Cancellation {
    private static final Logger LOG = LoggerFactory.getLogger(ProbeStepContext.class);

    private final String deploymentId;
    private final String appName;
    private final String environment;
    private final Path workspace;
    private final Instant deadline;
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final List<Runnable> onCancel = new CopyOnWriteArrayList<>();

    ProbeStepContext(String deploymentId, String appName, String environment, Path workspace, Instant deadline) {
        this.deploymentId = Objects.requireNonNull(deploymentId, "deploymentId");
        this.appName = Objects.requireNonNull(appName, "appName");
        this.environment = Objects.requireNonNull(environment, "environment");
        this.workspace = Objects.requireNonNull(workspace, "workspace");
        this.deadline = Objects.requireNonNull(deadline, "deadline");
    }

    @Override
    public String deploymentId() {
        return deploymentId;
    }

    @Override
    public String appName() {
        return appName;
    }

    @Override
    public String environment() {
        return environment;
    }

    @Override
    public Path workspace() {
        return workspace;
    }

    @Override
    public DeploymentLog log() {
        return line -> LOG.debug("Health probe of {}/{} (deployment {}): {}", appName, environment, deploymentId, line);
    }

    @Override
    public Cancellation cancellation() {
        return this;
    }

    @Override
    public Instant deadline() {
        return deadline;
    }

    @Override
    public ProcessRunner processes() {
        return (spec, step) -> {
            throw new StepFailedException("A health probe of a live release may not run processes.");
        };
    }

    @Override
    public boolean isCancelled() {
        return cancelled.get();
    }

    @Override
    public void onCancel(Runnable action) {
        Objects.requireNonNull(action, "action");
        onCancel.add(action);
        if (cancelled.get() && onCancel.remove(action)) {
            action.run();
        }
    }

    void cancel() {
        if (cancelled.compareAndSet(false, true)) {
            for (Runnable r : onCancel) {
                if (onCancel.remove(r)) {
                    r.run();
                }
            }
        }
    }
}
