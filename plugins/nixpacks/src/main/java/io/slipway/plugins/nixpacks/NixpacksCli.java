package io.slipway.plugins.nixpacks;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The installed {@code nixpacks} program: where it is, and the argument list of a build (pure, no shell). */
final class NixpacksCli {
    private NixpacksCli() {
    }

    /** The {@code nixpacks} executable on {@code path} (a PATH value), if any. */
    static Optional<Path> find(String path) {
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            Path candidate = Path.of(dir, "nixpacks");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** {@code nixpacks build <source> --name <tag> --env K=V ... --label K=V ...}. */
    static List<String> buildCommand(Path program, Path sourceDir, String tag, Map<String, String> env,
                                     Map<String, String> labels) {
        List<String> args = new ArrayList<>(List.of(program.toString(), "build", sourceDir.toString(), "--name", tag));
        new TreeMap<>(env).forEach((k, v) -> args.addAll(List.of("--env", k + "=" + v)));
        new TreeMap<>(labels).forEach((k, v) -> args.addAll(List.of("--label", k + "=" + v)));
        return args;
    }
}
