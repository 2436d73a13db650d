package io.slipway.plugins.git;

import io.slipway.plugin.api.PluginContext;
import io.slipway.plugin.api.step.Cancellation;
import io.slipway.plugin.api.step.DeploymentLog;
import io.slipway.plugin.api.step.ProcessRunner;
import io.slipway.plugin.api.step.StepContext;
import io.slipway.plugin.testkit.TestPluginContext;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The plugin and step contexts the core would give, for calling the extension directly
 * (core's test helpers are not visible from plugin modules).
 *
 * <pre>{@code
 * var provider = new GitSourceProvider(TestContexts.plugin(dataDir));
 * var step = TestContexts.step(workspace, Duration.ofSeconds(20));
 * }</pre>
 */
final class TestContexts {
    private TestContexts() {
    }

    static PluginContext plugin(Path dataDir) {
        return plugin(dataDir, Set.of());
    }

    /** A context whose admin allows exactly {@code allowed} (policy names such as {@code git.localPaths}). */
    static PluginContext plugin(Path dataDir, Set<String> allowed) {
        return new TestPluginContext("git", dataDir).allow(allowed.toArray(String[]::new));
    }

    static TestStep step(Path workspace, Duration timeout) {
        return new TestStep(workspace, Instant.now().plus(timeout));
    }

    /** A step whose log lines are kept and which {@link #cancel()} cancels. */
    static final class TestStep implements StepContext {
        private final Path workspace;
        private final Instant deadline;
        private final List<String> lines = new CopyOnWriteArrayList<>();
        private final List<Runnable> onCancel = new ArrayList<>();
        private volatile boolean cancelled;

        TestStep(Path workspace, Instant deadline) {
            this.workspace = workspace;
            this.deadline = deadline;
        }

        void cancel() {
            List<Runnable> actions;
            synchronized (this) {
                cancelled = true;
                actions = List.copyOf(onCancel);
            }
            actions.forEach(Runnable::run);
        }

        List<String> lines() {
            return List.copyOf(lines);
        }

        @Override
        public String deploymentId() {
            return "7";
        }

        @Override
        public String appName() {
            return "web";
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
            return new Cancellation() {
                @Override
                public boolean isCancelled() {
                    return cancelled;
                }

                @Override
                public void onCancel(Runnable action) {
                    synchronized (TestStep.this) {
                        if (!cancelled) {
                            onCancel.add(action);
                            return;
                        }
                    }
                    action.run();
                }
            };
        }

        @Override
        public Instant deadline() {
            return deadline;
        }

        @Override
        public ProcessRunner processes() {
            return (spec, step) -> {
                throw new UnsupportedOperationException("the git plugin runs no processes");
            };
        }
    }

}
