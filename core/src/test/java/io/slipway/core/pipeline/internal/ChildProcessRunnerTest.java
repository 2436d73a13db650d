package io.slipway.core.pipeline.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.slipway.plugin.api.StepCancelledException;
import io.slipway.plugin.api.StepFailedException;
import io.slipway.plugin.api.step.ProcessResult;
import io.slipway.plugin.api.step.ProcessSpec;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildProcessRunnerTest {
    @TempDir
    Path dir;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final StepCancellation cancellation = new StepCancellation();
    private final ChildProcessRunner runner = new ChildProcessRunner(Clock.systemUTC());

    private PipelineStepContext step(Duration left) {
        return new PipelineStepContext("1", "web", "production", dir, lines::add, cancellation,
                Instant.now().plus(left), runner);
    }

    @Test
    void passesArgumentsVerbatimWithoutAShellAndLogsOutputLines() {
        ProcessResult r = runner.run(ProcessSpec.of(List.of("echo", "a; rm -rf /", "$HOME"), dir), step(Duration.ofSeconds(10)));
        assertTrue(r.succeeded());
        assertEquals(List.of("a; rm -rf / $HOME"), lines);
    }

    @Test
    void givesTheStepItsOwnEnvironmentButNotTheServersSettings() {
        runner.run(ProcessSpec.of(List.of("env"), dir).withEnv(java.util.Map.of("STEP_VAR", "yes")),
                step(Duration.ofSeconds(10)));
        assertTrue(lines.contains("STEP_VAR=yes"), lines.toString());
        assertTrue(lines.stream().noneMatch(l -> l.startsWith("SLIPWAY_")), lines.toString());
    }

    @Test
    void reportsTheExitCode() {
        assertEquals(3, runner.run(ProcessSpec.of(List.of("sh", "-c", "exit 3"), dir), step(Duration.ofSeconds(10))).exitCode());
    }

    @Test
    void cancellationKillsTheWholeProcessTreePromptly() throws Exception {
        Path marker = dir.resolve("child-survived");
        // A parent whose child would write the marker after 2 s unless killed with it.
        ProcessSpec spec = ProcessSpec.of(List.of("sh", "-c", "(sleep 2; touch " + marker + ") & sleep 30"), dir);
        Thread canceller = new Thread(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException ignored) {
                return;
            }
            cancellation.cancel(StepCancellation.Reason.USER);
        });
        canceller.start();
        long start = System.nanoTime();
        assertThrows(StepCancelledException.class, () -> runner.run(spec, step(Duration.ofSeconds(60))));
        assertTrue((System.nanoTime() - start) / 1_000_000 < 5_000);
        Thread.sleep(2_500);
        assertFalse(marker.toFile().exists(), "the child process outlived the cancel");
    }

    @Test
    void aProcessPastItsDeadlineIsStoppedAndFails() {
        StepFailedException e = assertThrows(StepFailedException.class,
                () -> runner.run(ProcessSpec.of(List.of("sleep", "30"), dir), step(Duration.ofMillis(300))));
        assertTrue(e.getMessage().contains("did not finish"), e.getMessage());
    }

    @Test
    void aMissingProgramFailsSayingSo() {
        StepFailedException e = assertThrows(StepFailedException.class,
                () -> runner.run(ProcessSpec.of(List.of("no-such-program-xyz"), dir), step(Duration.ofSeconds(5))));
        assertTrue(e.getMessage().startsWith("Cannot start no-such-program-xyz"), e.getMessage());
    }
}
