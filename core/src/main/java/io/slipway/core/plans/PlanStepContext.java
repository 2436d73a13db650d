package io.slipway.core.plans;

import io.slipway.plugin.api.StepFailedException;
import io.slipway.plugin.api.step.Cancellation;
import io.slipway.plugin.api.step.DeploymentLog;
import io.slipway.plugin.api.step.ProcessRunner;
import io.slipway.plugin.api.step.StepContext;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a fetch for a plan gets: no deployment runs, so the log goes to the server's debug log, no
 * processes may run, and nothing cancels it but its deadline.
 */
final class PlanStepContext implements StepContext, Cancellation {
    private static final Logger LOG = LoggerFactory.getLogger(PlanStepContext.class);

    private final String appName;
    private final Path workspace;
    private final Instant deadline;

    PlanStepContext(String appName, Path workspace, Instant deadline) {
        this.appName = Objects.requireNonNull(appName, "appName");
        this.workspace = Objects.requireNonNull(workspace, "workspace");
        this.deadline = Objects.requireNonNull(deadline, "deadline");
    }

    @Override
    public String deploymentId() {
        return "plan";
    }

    @Override
    public String appName() {
        return appName;
    }

    @Override
    public String environment() {
        return "plan";
    }

    @Override
    public Path workspace() {
        return workspace;
    }

    @Override
    public DeploymentLog log() {
        return line -> LOG.debug("Plan of {}: {}", appName, line);
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
            throw new StepFailedException("Fetching the source for a plan may not run processes.");
        };
    }

    @Override
    public boolean isCancelled() {
        return Instant.now().isAfter(deadline);
    }

    @Override
    public void onCancel(Runnable action) {
        // Nothing cancels a plan's fetch but its deadline, which the fetch checks itself.
    }
}
