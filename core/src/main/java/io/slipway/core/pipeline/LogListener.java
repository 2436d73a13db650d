package io.slipway.core.pipeline;

/** Receives a deployment's log lines as they are written (see {@link DeploymentLogs#follow}). */
public interface LogListener {

    /**
     * One line, numbered from 0.
     *
     * @return false to stop following (the client went away)
     */
    boolean line(long number, String text);

    /** The deployment has ended and every line was delivered; no more calls follow. */
    void end();

    /** A periodic chance to find out the client went away; false stops following. */
    boolean keepAlive();
}
