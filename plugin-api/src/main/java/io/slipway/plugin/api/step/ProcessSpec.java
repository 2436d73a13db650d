package io.slipway.plugin.api.step;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A command to run: an argument list (never a shell line), its folder, extra environment and a
 * timeout. Build these with pure functions and unit-test them as data.
 *
 * <pre>{@code
 * ProcessSpec spec = ProcessSpec.of(List.of("nixpacks", "build", ".", "--name", tag), sourceDir)
 *     .withEnv(Map.of("NIXPACKS_NO_CACHE", "1"))
 *     .withTimeout(Duration.ofMinutes(20));
 * }</pre>
 */
public record ProcessSpec(List<String> command, Path workingDir, Map<String, String> env, Duration timeout) {

    public ProcessSpec {
        command = List.copyOf(command);
        if (command.isEmpty()) {
            throw new IllegalArgumentException("a command needs at least the program");
        }
        Objects.requireNonNull(workingDir, "workingDir");
        env = Map.copyOf(env);
        Objects.requireNonNull(timeout, "timeout");
    }

    public static ProcessSpec of(List<String> command, Path workingDir) {
        return new ProcessSpec(command, workingDir, Map.of(), Duration.ofMinutes(30));
    }

    public ProcessSpec withEnv(Map<String, String> newEnv) {
        return new ProcessSpec(command, workingDir, newEnv, timeout);
    }

    public ProcessSpec withTimeout(Duration newTimeout) {
        return new ProcessSpec(command, workingDir, env, newTimeout);
    }
}
