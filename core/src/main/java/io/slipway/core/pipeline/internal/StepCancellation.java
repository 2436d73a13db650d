package io.slipway.core.pipeline.internal;

import io.slipway.plugin.api.step.Cancellation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cancellation signal of one deployment run: set by a user's cancel, a phase timeout or the
 * reconciler; runs the callbacks steps registered (kill a process, stop a build) exactly once.
 */
public final class StepCancellation implements Cancellation {
    private static final Logger LOG = LoggerFactory.getLogger(StepCancellation.class);

    /** Why a run was stopped; decides the phase it ends in. */
    public enum Reason { USER, TIMEOUT, LOST }

    private final List<Runnable> callbacks = new ArrayList<>();
    private Reason reason;

    @Override
    public synchronized boolean isCancelled() {
        return reason != null;
    }

    public synchronized Optional<Reason> reason() {
        return Optional.ofNullable(reason);
    }

    @Override
    public void onCancel(Runnable action) {
        synchronized (this) {
            if (reason == null) {
                callbacks.add(action);
                return;
            }
        }
        runQuietly(action);
    }

    /** Removes a callback once its work is over (a finished process needs no killing). */
    public synchronized void forget(Runnable action) {
        callbacks.remove(action);
    }

    /** Signals cancellation; the first reason wins. */
    public void cancel(Reason why) {
        List<Runnable> toRun;
        synchronized (this) {
            if (reason != null) {
                return;
            }
            reason = why;
            toRun = List.copyOf(callbacks);
            callbacks.clear();
        }
        toRun.forEach(StepCancellation::runQuietly);
    }

    private static void runQuietly(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            LOG.warn("A cancellation callback failed", e);
        }
    }
}
