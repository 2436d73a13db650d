package io.slipway.plugin.api.step;

/**
 * The deployment's log. Lines are appended, timestamped, tagged with the phase, masked for
 * secrets and streamed live to browsers.
 *
 * <pre>{@code
 * step.log().line("Step 3/7 : RUN npm ci");
 * }</pre>
 */
@FunctionalInterface
public interface DeploymentLog {

    /** Appends one line (a trailing newline is dropped; embedded ones split the text). */
    void line(String text);
}
