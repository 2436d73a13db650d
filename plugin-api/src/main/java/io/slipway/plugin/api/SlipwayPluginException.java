package io.slipway.plugin.api;

/**
 * The root of what plugins and the SDK throw. Its message is read by users on the deployment
 * page, so it says what to do: "Repository not found at https://…: check the URL and the token".
 *
 * <pre>{@code
 * throw new StepFailedException("Docker engine not reachable at " + host + ": is dockerd running?");
 * }</pre>
 */
public class SlipwayPluginException extends RuntimeException {
    public SlipwayPluginException(String message) {
        super(message);
    }

    public SlipwayPluginException(String message, Throwable cause) {
        super(message, cause);
    }
}
