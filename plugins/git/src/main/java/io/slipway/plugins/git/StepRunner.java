package io.slipway.plugins.git;

import io.slipway.plugin.api.StepCancelledException;
import io.slipway.plugin.api.StepFailedException;
import io.slipway.plugin.api.step.StepContext;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs blocking git work on its own thread so the step can return the moment it is cancelled or
 * its deadline passes, even while JGit sits in a socket read (its progress monitor is only asked
 * between reads). The abandoned work is told to stop and ends at the transport timeout at the latest.
 *
 * <pre>{@code
 * RevCommit c = runner.run(step, deadline, "Fetching x timed out", stop -> fetcher.fetch(..., stop));
 * }</pre>
 */
final class StepRunner {

    /** Git work that checks {@code stop} (through JGit's progress monitor) and returns a result. */
    @FunctionalInterface
    interface StoppableWork<T> {
        T run(AtomicBoolean stop) throws Exception;
    }

    private final Clock clock;

    StepRunner(Clock clock) {
        this.clock = clock;
    }

    <T> T run(StepContext step, Instant deadline, String timeoutMessage, StoppableWork<T> work) {
        step.cancellation().throwIfCancelled();
        AtomicBoolean stop = new AtomicBoolean();
        Callable<T> callable = () -> work.run(stop);
        FutureTask<T> task = new FutureTask<>(callable);
        Thread thread = new Thread(task, "git-fetch-" + step.deploymentId());
        thread.setDaemon(true);
        // JGit and sshd look services up through the context class loader: keep the plugin's.
        thread.setContextClassLoader(Thread.currentThread().getContextClassLoader());
        thread.start();
        while (true) {
            try {
                return task.get(50, TimeUnit.MILLISECONDS);
            } catch (TimeoutException stillRunning) {
                if (step.cancellation().isCancelled()) {
                    abandon(stop, task);
                    throw new StepCancelledException("The deployment was cancelled.");
                }
                if (!clock.instant().isBefore(deadline)) {
                    abandon(stop, task);
                    throw new StepFailedException(timeoutMessage);
                }
            } catch (InterruptedException e) {
                abandon(stop, task);
                Thread.currentThread().interrupt();
                throw new StepCancelledException("The deployment was cancelled.");
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException r) {
                    throw r;
                }
                if (cause instanceof Error err) {
                    throw err;
                }
                throw new StepFailedException("Fetching the source failed: " + cause.getClass().getSimpleName(), cause);
            }
        }
    }

    private static void abandon(AtomicBoolean stop, FutureTask<?> task) {
        stop.set(true);
        task.cancel(true);
    }
}
