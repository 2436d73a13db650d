package io.slipway.plugin.api.step;

/**
 * How a process ended. Its output went to the deployment log line by line.
 *
 * <pre>{@code
 * if (!result.succeeded()) throw new StepFailedException("nixpacks exited with " + result.exitCode());
 * }</pre>
 */
public record ProcessResult(int exitCode) {
    public boolean succeeded() {
        return exitCode == 0;
    }
}
