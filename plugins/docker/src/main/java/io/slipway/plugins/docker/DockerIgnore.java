package io.slipway.plugins.docker;

import com.github.dockerjava.core.GoLangFileMatch;
import com.github.dockerjava.core.exception.GoLangFileMatchException;
import io.slipway.plugin.api.StepFailedException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * The patterns of a build context's {@code .dockerignore}, read as the docker CLI reads them
 * ({@code #} comment lines, {@code !} exceptions, the last matching line decides, a pattern
 * matching a folder excludes what is in it).
 *
 * <pre>{@code
 * DockerIgnore ignore = DockerIgnore.read(contextDir);
 * if (!ignore.excludes("node_modules/left-pad/index.js")) { ... }
 * }</pre>
 *
 * @param text the file as written (empty without one), sent on to the engine
 * @param patterns cleaned patterns, exceptions keeping their {@code !}
 */
record DockerIgnore(Optional<String> text, List<String> patterns) {
    static final String FILE = ".dockerignore";

    DockerIgnore {
        patterns = List.copyOf(patterns);
    }

    /** The context's {@code .dockerignore}; none when there is no such file. */
    static DockerIgnore read(Path context) {
        Path file = context.resolve(FILE);
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return new DockerIgnore(Optional.empty(), List.of());
        }
        try {
            // Read through a link only when it stays in the context: the file's text goes to the engine.
            if (!Files.isRegularFile(file) || !file.toRealPath().startsWith(context.toRealPath())) {
                throw new StepFailedException("The build context's " + FILE + " is not a regular file inside the context"
                        + " (a link out of it?): make it a plain file.");
            }
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new StepFailedException("Could not read the build context's " + FILE + ": " + e.getMessage(), e);
        }
    }

    static DockerIgnore parse(String text) {
        List<String> patterns = new ArrayList<>();
        for (String line : text.replace("\uFEFF", "").lines().toList()) {
            if (line.startsWith("#")) {
                continue;
            }
            String pattern = line.strip();
            boolean exception = pattern.startsWith("!");
            if (exception) {
                pattern = pattern.substring(1).strip();
            }
            pattern = clean(pattern);
            if (pattern.isEmpty()) {
                continue;
            }
            patterns.add(exception ? "!" + pattern : pattern);
        }
        return new DockerIgnore(Optional.of(text), patterns);
    }

    /** Whether the context path {@code relative} ({@code /} between folders) is left out. */
    boolean excludes(String relative) {
        boolean excluded = false;
        for (String p : patterns) {
            boolean exception = p.startsWith("!");
            String pattern = exception ? p.substring(1) : p;
            try {
                if (GoLangFileMatch.match(pattern, relative)) {
                    excluded = !exception;
                }
            } catch (GoLangFileMatchException e) {
                throw new StepFailedException("The build context's " + FILE + " has an invalid pattern '" + pattern
                        + "': " + e.getMessage(), e);
            }
        }
        return excluded;
    }

    /** Refuses an invalid pattern now rather than in the middle of packing. */
    void check() {
        excludes(".");
    }

    /**
     * Whether an excluded folder must still be looked into: an exception line names something
     * inside it ({@code !dir/keep.txt} for {@code dir}). The CLI's rule, so a context is the
     * same as {@code docker build}'s: an exception with a wildcard before the folder's name does
     * not count.
     */
    boolean bringsBackInside(String folder) {
        String prefix = folder + "/";
        return patterns.stream().anyMatch(p -> p.startsWith("!") && (p.substring(1) + "/").startsWith(prefix));
    }

    /** Go's {@code filepath.Clean}, as the CLI applies it, without the leading {@code /}. */
    private static String clean(String pattern) {
        Deque<String> parts = new ArrayDeque<>();
        for (String part : pattern.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..") && !parts.isEmpty() && !parts.peekLast().equals("..")) {
                parts.removeLast();
            } else if (!part.equals("..") || !pattern.startsWith("/")) {
                parts.addLast(part);
            }
        }
        return String.join("/", parts);
    }
}
