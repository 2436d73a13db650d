package io.slipway.core.pipeline;

import java.util.List;

/**
 * Lines of a deployment's log.
 *
 * @param offset the number of the first line returned (0-based)
 * @param lines the lines, each as written (timestamp, phase tag, text)
 * @param total how many lines the log has now
 * @param complete whether the deployment has ended, so no more lines will come
 */
public record LogPage(long offset, List<String> lines, long total, boolean complete) {
    public LogPage {
        lines = List.copyOf(lines);
    }
}
