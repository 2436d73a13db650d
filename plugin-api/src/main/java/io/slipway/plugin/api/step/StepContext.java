package io.slipway.plugin.api.step;

import java.nio.file.Path;
import java.time.Instant;

/**
 * What one pipeline step gives the extension it calls: the deployment it belongs to, its log, its
 * cancellation signal, its workspace, its deadline and the core's process runner.
 *
 * <pre>{@code
 * public Artifact build(BuildRequest request, StepContext step) {
 *     step.log().line("Building " + request.imageTag());
 *     step.cancellation().throwIfCancelled();
 *     ProcessResult r = step.processes().run(ProcessSpec.of(List.of("make", "image"), request.sourceDir()), step);
 *     ...
 * }
 * }</pre>
 */
public interface StepContext {

    String deploymentId();

    String appName();

    String environment();

    /** A folder for this deployment's files; the source is fetched into it. */
    Path workspace();

    DeploymentLog log();

    Cancellation cancellation();

    /** When the step's timeout runs out; a step past it is failed with the phase named. */
    Instant deadline();

    ProcessRunner processes();
}
