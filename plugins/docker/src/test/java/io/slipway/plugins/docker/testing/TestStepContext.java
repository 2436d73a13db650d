package io.slipway.plugins.docker.testing;

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
 * A {@link StepContext} for the plugin's tests: log lines are collected, {@link #cancel()}
 * cancels like the user's button, and no processes run (this plugin needs none).
 *
 * <pre>{@code
 * TestStepContext step = TestStepContext.withTimeout(Duration.ofSeconds(60));
 * builder.build(request, step);
 * assertTrue(step.lines().contains("..."));
 * }</pre>
 */
public final class TestStepContext implements StepContext {
    private final Instant deadline;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final TestCancellation cancellation = new TestCancellation();

    private TestStepContext(Instant deadline) {
        this.deadline = deadline;
    }

    public static TestStepContext withTimeout(Duration timeout) {
        return new TestStepContext(Instant.now().plus(timeout));
    }

    public void cancel() {
        cancellation.cancel();
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** Whether any line written so far contains {@code text}. */
    public boolean logged(String text) {
        return lines.stream().anyMatch(l -> l.contains(text));
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
        return Path.of("target", "test-workspace");
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
        return (spec, step) -> {
            throw new UnsupportedOperationException("the docker plugin runs no processes");
        };
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
