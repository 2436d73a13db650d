package io.slipway.plugins.compose;

import java.util.Map;
import java.util.Objects;

/**
 * Compose variable interpolation, a pure function: {@code $VAR}, {@code ${VAR}},
 * {@code ${VAR:-default}} (unset or empty), {@code ${VAR-default}} (unset),
 * {@code ${VAR:?message}} / {@code ${VAR?message}} (required), and {@code $$} for a literal
 * {@code $}. Defaults may themselves hold variables.
 *
 * <pre>{@code
 * Interpolation.apply("${PORT:-8080}", Map.of(), true); // "8080"
 * }</pre>
 */
final class Interpolation {
    private Interpolation() {
    }

    /**
     * @param strict when false (checking a file before any deployment, without the app's final
     *     variables), a missing required variable becomes an empty value instead of an error
     * @throws InvalidComposeException for an unset required variable or an unclosed {@code ${}
     */
    static String apply(String text, Map<String, String> env, boolean strict) {
        Objects.requireNonNull(text, "text");
        if (text.indexOf('$') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != '$' || i + 1 >= text.length()) {
                out.append(c);
                i++;
                continue;
            }
            char next = text.charAt(i + 1);
            if (next == '$') {
                out.append('$');
                i += 2;
            } else if (next == '{') {
                int end = closingBrace(text, i + 2);
                if (end < 0) {
                    throw new InvalidComposeException("file", "Unclosed '${' in \"" + text + "\": close it with '}',"
                            + " or write '$$' for a literal '$'.");
                }
                out.append(expression(text.substring(i + 2, end), env, strict));
                i = end + 1;
            } else if (isNameStart(next)) {
                int end = i + 1;
                while (end < text.length() && isNamePart(text.charAt(end))) {
                    end++;
                }
                out.append(env.getOrDefault(text.substring(i + 1, end), ""));
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static String expression(String expr, Map<String, String> env, boolean strict) {
        int n = 0;
        while (n < expr.length() && isNamePart(expr.charAt(n))) {
            n++;
        }
        String name = expr.substring(0, n);
        if (name.isEmpty() || !isNameStart(name.charAt(0))) {
            throw new InvalidComposeException("file", "'${" + expr + "}' does not start with a variable name.");
        }
        String rest = expr.substring(n);
        String value = env.get(name);
        boolean unset = value == null;
        boolean empty = unset || value.isEmpty();
        if (rest.isEmpty()) {
            return unset ? "" : value;
        }
        if (rest.startsWith(":-")) {
            return empty ? apply(rest.substring(2), env, strict) : value;
        }
        if (rest.startsWith("-")) {
            return unset ? apply(rest.substring(1), env, strict) : value;
        }
        if (rest.startsWith(":?") || rest.startsWith("?")) {
            boolean missing = rest.startsWith(":?") ? empty : unset;
            if (!missing) {
                return value;
            }
            if (!strict) {
                return "";
            }
            String message = apply(rest.substring(rest.startsWith(":?") ? 2 : 1), env, strict);
            throw new InvalidComposeException("env." + name, "The variable " + name + " is required"
                    + (message.isBlank() ? "" : ": " + message) + ". Set it in the app's environment variables.");
        }
        throw new InvalidComposeException("file", "'${" + expr + "}' is not a supported substitution: use ${"
                + name + "}, ${" + name + ":-default}, ${" + name + "-default} or ${" + name + ":?message}.");
    }

    private static int closingBrace(String text, int from) {
        int depth = 1;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '{') {
                depth++;
                i++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isNameStart(char c) {
        return c == '_' || Character.isLetter(c);
    }

    private static boolean isNamePart(char c) {
        return c == '_' || Character.isLetterOrDigit(c);
    }
}
