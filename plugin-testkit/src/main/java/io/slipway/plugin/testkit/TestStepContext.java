package io.slipway.plugin.testkit;

import io.slipway.plugin.api.step.Cancellation;
import io.slipway.plugin.api.step.DeploymentLog;
import io.slipway.plugin.api.step.ProcessRunner;
import io.slipway.plugin.api.step.StepContext;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link StepContext} for tests: log lines are collected, {@link #cancel()} cancels, the
 * deadline is fixed when made, and running processes is refused unless a runner is given.
 *
 * <pre>{@code
 * TestStepContext step = TestStepContext.withTimeout(Duration.ofSeconds(5));
 * HealthResult r = checker.check(release, config, step);
 * assertTrue(step.lines().contains("..."));
 * }</pre>
 */
public final class TestStepContext implements StepContext {
    private final Instant deadline;
    private final Path workspace;
    private final ProcessRunner processes;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final TestCancellation cancellation = new TestCancellation();

    public TestStepContext(Instant deadline, Path workspace, ProcessRunner processes) {
        this.deadline = deadline;
        this.workspace = workspace;
        this.processes = processes;
    }

    /** A context whose deadline is {@code timeout} from now, with no workspace and no processes. */
    public static TestStepContext withTimeout(Duration timeout) {
        return new TestStepContext(Instant.now().plus(timeout), Path.of("target", "test-workspace"), (spec, step) -> {
            throw new UnsupportedOperationException("this TestStepContext runs no processes");
        });
    }

    /** Cancels the step, as a user's cancel button would. */
    public void cancel() {
        cancellation.cancel();
    }

    /** Whether any line written so far contains {@code text}. */
    public boolean logged(String text) {
        return lines().stream().anyMatch(l -> l.contains(text));
    }

    /** The log lines written so far. */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public String deploymentId() {
        return "1";
    }

    @Override
    public String appName() {
        return "test-app";
    }

    @Override
    public String environment() {
        return "production";
    }

    @Override
    public Path workspace() {
        return workspace;
    }

    @Override
    public DeploymentLog log() {
        return lines::add;
    }

    @Override
    public Cancellation cancellation() {
        return cancellation;
    }

    @Override
    public Instant deadline() {
        return deadline;
    }

    @Override
    public ProcessRunner processes() {
        return processes;
    }

    private static final class TestCancellation implements Cancellation {
        private final List<Runnable> actions = new ArrayList<>();
        private boolean cancelled;

        @Override
        public synchronized boolean isCancelled() {
            return cancelled;
        }

        @Override
        public void onCancel(Runnable action) {
            synchronized (this) {
                if (!cancelled) {
                    actions.add(action);
                    return;
                }
            }
            action.run();
        }

        void cancel() {
            List<Runnable> run;
            synchronized (this) {
                if (cancelled) {
                    return;
                }
                cancelled = true;
                run = List.copyOf(actions);
                actions.clear();
            }
            run.forEach(Runnable::run);
        }
    }
}
