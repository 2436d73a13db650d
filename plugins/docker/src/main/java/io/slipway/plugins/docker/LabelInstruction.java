package io.slipway.plugins.docker;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Slipway's labels as ONE {@code LABEL} instruction appended to a Dockerfile's text. The engine's
 * legacy builder turns each {@code labels} build parameter into a step of its own (a container
 * created and committed each, ~50 ms apiece); one instruction is one step.
 *
 * <pre>{@code
 * String text = LabelInstruction.append(Files.readString(dockerfile), Map.of("slipway.app", "web"));
 * }</pre>
 */
final class LabelInstruction {
    private static final Pattern ESCAPE_DIRECTIVE = Pattern.compile("(?i)^#\\s*escape\\s*=\\s*(\\S)\\s*$");

    private LabelInstruction() {
    }

    /** The Dockerfile text with one LABEL instruction (keys sorted) appended; values are quoted. */
    static String append(String dockerfile, Map<String, String> labels) {
        if (labels.isEmpty()) {
            return dockerfile;
        }
        char escape = escapeCharacter(dockerfile);
        StringBuilder line = new StringBuilder(dockerfile);
        if (!dockerfile.isEmpty() && !dockerfile.endsWith("\n")) {
            line.append('\n');
        }
        line.append("LABEL");
        new TreeMap<>(labels).forEach((k, v) -> line.append(' ').append(quote(k, escape)).append('=')
                .append(quote(v, escape)));
        return line.append('\n').toString();
    }

    /** The {@code # escape=} parser directive, which may only open the file; {@code \} otherwise. */
    static char escapeCharacter(String dockerfile) {
        for (String line : dockerfile.lines().toList()) {
            String t = line.strip();
            Matcher m = ESCAPE_DIRECTIVE.matcher(t);
            if (m.matches()) {
                return m.group(1).charAt(0);
            }
            if (!t.startsWith("#") || t.isEmpty()) {
                break; // directives end at the first blank line, comment without '=' or instruction
            }
        }
        return '\\';
    }

    private static String quote(String text, char escape) {
        StringBuilder q = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '$' || c == escape) {
                q.append(escape).append(c); // '$' would otherwise be expanded as a build variable
            } else if (Character.isISOControl(c)) {
                q.append(' '); // a line break would end the instruction
            } else {
                q.append(c);
            }
        }
        return q.append('"').toString();
    }
}
