package io.slipway.plugins.docker;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/** Checks a path a user typed that must stay inside the source folder. */
final class RelativePath {
    private RelativePath() {
    }

    /** Why {@code value} is not an acceptable relative path, or empty when it is. */
    static Optional<String> problem(String value) {
        if (value.isBlank()) {
            return Optional.of("must not be empty");
        }
        if (value.startsWith("/") || value.startsWith("\\") || value.matches("^[A-Za-z]:.*")) {
            return Optional.of("must be relative to the source folder, not absolute");
        }
        if (value.contains("\\")) {
            return Optional.of("must use / between folders");
        }
        for (String segment : value.split("/")) {
            if (segment.equals("..")) {
                return Optional.of("must not contain '..'");
            }
        }
        try {
            Path.of(value);
        } catch (InvalidPathException e) {
            return Optional.of("is not a valid path");
        }
        return Optional.empty();
    }

    /** {@code value} (already checked) resolved under {@code root}, normalized. */
    static Path under(Path root, String value) {
        return root.resolve(value).normalize();
    }
}
