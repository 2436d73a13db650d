package io.slipway.core.pipeline.internal;

import io.slipway.plugin.api.StepCancelledException;
import io.slipway.plugin.api.StepFailedException;
import io.slipway.plugin.api.step.ProcessResult;
import io.slipway.plugin.api.step.ProcessRunner;
import io.slipway.plugin.api.step.ProcessSpec;
import io.slipway.plugin.api.step.StepContext;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Runs a step's program without a shell: the argument list goes to {@link ProcessBuilder} as is,
 * stdout and stderr go line by line to the step's log, and on cancellation or timeout the whole
 * process tree is killed.
 */
public final class ChildProcessRunner implements ProcessRunner {
    private final Clock clock;

    public ChildProcessRunner(Clock clock) {
        this.clock = clock;
    }

    @Override
    public ProcessResult run(ProcessSpec spec, StepContext step) {
        step.cancellation().throwIfCancelled();
        Duration untilDeadline = Duration.between(clock.instant(), step.deadline());
        Duration limit = untilDeadline.compareTo(spec.timeout()) < 0 ? untilDeadline : spec.timeout();
        ProcessBuilder builder = new ProcessBuilder(spec.command()).directory(spec.workingDir().toFile())
                .redirectErrorStream(true);
        // The server's own settings (database URL and password, admin token) are not the step's business.
        builder.environment().keySet().removeIf(name -> name.startsWith("SLIPWAY_"));
        builder.environment().putAll(spec.env());
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new StepFailedException("Cannot start " + spec.command().get(0) + ": " + e.getMessage()
                    + ". Is it installed and on the PATH?", e);
        }
        Runnable kill = () -> killTree(process);
        step.cancellation().onCancel(kill);
        Thread pump = new Thread(() -> pump(process, step), "process-output-" + step.deploymentId());
        pump.setDaemon(true);
        pump.start();
        try {
            boolean ended = process.waitFor(Math.max(0, limit.toMillis()), TimeUnit.MILLISECONDS);
            if (!ended) {
                killTree(process);
                pump.join(2000);
                throw new StepFailedException(spec.command().get(0) + " did not finish within " + limit.toSeconds()
                        + " s and was stopped.");
            }
            pump.join(2000);
        } catch (InterruptedException e) {
            killTree(process);
            Thread.currentThread().interrupt();
            throw new StepCancelledException("The deployment was cancelled.");
        } finally {
            if (step.cancellation() instanceof StepCancellation c) {
                c.forget(kill);
            }
        }
        step.cancellation().throwIfCancelled();
        return new ProcessResult(process.exitValue());
    }

    private static void pump(Process process, StepContext step) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                step.log().line(line);
            }
        } catch (IOException e) {
            // the process was killed; its output ends here
        }
    }

    /** Children first, so none is re-parented and left running. */
    static void killTree(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
