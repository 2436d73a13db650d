package io.slipway.core.pipeline.internal;

import io.slipway.plugin.api.step.Cancellation;
import io.slipway.plugin.api.step.DeploymentLog;
import io.slipway.plugin.api.step.ProcessRunner;
import io.slipway.plugin.api.step.StepContext;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/** What one phase hands the extension it calls. */
public record PipelineStepContext(String deploymentId, String appName, String environment, Path workspace,
                                  DeploymentLog log, StepCancellation stepCancellation, Instant deadline,
                                  ProcessRunner processes) implements StepContext {
    public PipelineStepContext {
        Objects.requireNonNull(deploymentId, "deploymentId");
        Objects.requireNonNull(appName, "appName");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(stepCancellation, "stepCancellation");
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(processes, "processes");
    }

    @Override
    public Cancellation cancellation() {
        return stepCancellation;
    }
}
