package io.slipway.core.pipeline.internal;

import java.util.regex.Pattern;

/**
 * Takes terminal control sequences out of a log line: the colours engines and build tools put
 * in their output ({@code ESC[91m}), cursor moves, window titles, and other control characters
 * but tab. A log page would show them as clutter, and a log read in a terminal
 * ({@code curl .../log}) would obey them.
 */
final class TerminalCodes {
    private static final Pattern CODES = Pattern.compile(
            "\\x1B\\[[0-?]*[ -/]*[@-~]" // CSI: colours, cursor moves, erasing
            + "|\\x1B\\][^\\x07\\x1B]*(?:\\x07|\\x1B\\\\)?" // OSC: titles, links; ends at BEL or ST
            + "|\\x1B[ -/]*[0-~]" // the other escapes (charset choices, ESC c, ...)
            + "|[\\x00-\\x08\\x0A-\\x1F\\x7F]"); // what else is a control character, but tab

    private TerminalCodes() {
    }

    static String strip(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7F) {
                return CODES.matcher(line).replaceAll("");
            }
        }
        return line; // the usual line: nothing to take out, no copy
    }
}
