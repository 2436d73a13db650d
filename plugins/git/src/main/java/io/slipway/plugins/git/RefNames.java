package io.slipway.plugins.git;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Branch and tag names by git check-ref-format's rules, checked before a name reaches JGit or a
 * message: no {@code ..}, no leading {@code -}, no control characters or spaces, none of
 * {@code ~^:?*[\}, no {@code @{}, no component starting with {@code .} or ending with
 * {@code .lock}, no leading, trailing or doubled {@code /}, not {@code @}.
 *
 * <pre>{@code
 * RefNames.check("feature/login"); // empty: fine
 * RefNames.check("-x");            // Optional["must not start with '-'"]
 * }</pre>
 */
final class RefNames {
    private static final Pattern FORBIDDEN = Pattern.compile("[\\x00-\\x20\\x7f~^:?*\\[\\\\]");

    private RefNames() {
    }

    /** Why {@code name} is not a valid branch or tag name; empty when it is. */
    static Optional<String> check(String name) {
        if (name == null || name.isEmpty()) {
            return Optional.of("must not be empty");
        }
        if (name.length() > 255) {
            return Optional.of("must be at most 255 characters");
        }
        if (name.startsWith("-")) {
            return Optional.of("must not start with '-'");
        }
        if (FORBIDDEN.matcher(name).find()) {
            return Optional.of("must not contain spaces, control characters or any of ~^:?*[\\");
        }
        if (name.contains("..")) {
            return Optional.of("must not contain '..'");
        }
        if (name.contains("@{") || name.equals("@")) {
            return Optional.of("must not contain '@{' or be '@'");
        }
        if (name.startsWith("/") || name.endsWith("/") || name.contains("//")) {
            return Optional.of("must not start or end with '/' or contain '//'");
        }
        if (name.endsWith(".")) {
            return Optional.of("must not end with '.'");
        }
        for (String component : name.split("/")) {
            if (component.startsWith(".") || component.endsWith(".lock")) {
                return Optional.of("must not have a part starting with '.' or ending with '.lock'");
            }
        }
        return Optional.empty();
    }
}
