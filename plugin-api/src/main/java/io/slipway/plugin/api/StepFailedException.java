package io.slipway.plugin.api;

/**
 * A step could not do its work; the deployment fails with this message.
 *
 * <pre>{@code
 * if (exitCode != 0) throw new StepFailedException("Build exited with " + exitCode + ": see the log above");
 * }</pre>
 */
public class StepFailedException extends SlipwayPluginException {
    public StepFailedException(String message) {
        super(message);
    }

    public StepFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
