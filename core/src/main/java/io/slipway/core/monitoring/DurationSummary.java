package io.slipway.core.monitoring;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * How long a set of things took, in milliseconds.
 *
 * @param count how many
 * @param meanMillis average
 * @param p50Millis median
 * @param p95Millis 95th percentile
 * @param maxMillis longest
 */
public record DurationSummary(int count, long meanMillis, long p50Millis, long p95Millis, long maxMillis) {
    public static DurationSummary of(List<Long> millis) {
        if (millis.isEmpty()) {
            return new DurationSummary(0, 0, 0, 0, 0);
        }
        List<Long> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        long sum = 0;
        for (long m : sorted) {
            sum += m;
        }
        return new DurationSummary(sorted.size(), sum / sorted.size(), percentile(sorted, 50), percentile(sorted, 95),
                sorted.get(sorted.size() - 1));
    }

    private static long percentile(List<Long> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
