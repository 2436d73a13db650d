package io.slipway.plugin.api.step;

/**
 * The core's way of running an external program for a step: no shell, output streamed to the
 * step's log, killed (with its children) on cancellation or timeout.
 *
 * <pre>{@code
 * ProcessResult r = step.processes().run(ProcessSpec.of(List.of("git", "--version"), dir), step);
 * }</pre>
 */
@FunctionalInterface
public interface ProcessRunner {

    /**
     * @throws io.slipway.plugin.api.StepCancelledException when the step was cancelled meanwhile
     * @throws io.slipway.plugin.api.StepFailedException when the program cannot start or times out
     */
    ProcessResult run(ProcessSpec spec, StepContext step);
}
