package io.slipway.war.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long a wave of deployments took, from the servers' own timestamps (the JSON of
 * {@code GET /api/v1/deployments/{id}}): the wave's span from its first queueing to its last end,
 * and per deployment the time from queueing to its end (queue wait included) and from its start to
 * its end (the run).
 *
 * <pre>{@code
 * WaveFigures f = WaveFigures.of(ended.values());
 * System.out.println(f.describe());
 * }</pre>
 *
 * @param p50Phases the median time spent in each phase the deployments entered, in phase order
 */
public record WaveFigures(int deployments, Duration span, Duration p50Total, Duration maxTotal, Duration p50Run,
                          Duration maxRun, Map<String, Duration> p50Phases) {
    private static final Pattern PHASE_RUN = Pattern.compile(
            "\\{\"phase\"\\s*:\\s*\"(\\w+)\"[^}]*?\"durationMs\"\\s*:\\s*(\\d+)");

    public WaveFigures {
        Objects.requireNonNull(span, "span");
        p50Phases = Collections.unmodifiableMap(new LinkedHashMap<>(p50Phases));
    }

    /** From the final JSON of each deployment of the wave (each must have createdAt, startedAt, finishedAt). */
    public static WaveFigures of(Collection<String> finalJson) {
        if (finalJson.isEmpty()) {
            throw new IllegalArgumentException("an empty wave");
        }
        Instant first = Instant.MAX;
        Instant last = Instant.MIN;
        long[] totals = new long[finalJson.size()];
        long[] runs = new long[finalJson.size()];
        Map<String, List<Long>> phases = new LinkedHashMap<>();
        int i = 0;
        for (String json : finalJson) {
            Matcher m = PHASE_RUN.matcher(json);
            while (m.find()) {
                phases.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(Long.parseLong(m.group(2)));
            }
            Instant created = instant(json, "createdAt");
            Instant started = instant(json, "startedAt");
            Instant finished = instant(json, "finishedAt");
            first = created.isBefore(first) ? created : first;
            last = finished.isAfter(last) ? finished : last;
            totals[i] = Duration.between(created, finished).toMillis();
            runs[i] = Duration.between(started, finished).toMillis();
            i++;
        }
        Map<String, Duration> p50Phases = new LinkedHashMap<>();
        phases.forEach((phase, millis) -> p50Phases.put(phase,
                median(millis.stream().mapToLong(Long::longValue).toArray())));
        return new WaveFigures(finalJson.size(), Duration.between(first, last), median(totals), max(totals),
                median(runs), max(runs), p50Phases);
    }

    /** One line for the test's output. */
    public String describe() {
        return String.format("%d deployments ended %.1f s after the first was queued; queued-to-end p50 %d ms, max %d ms;"
                        + " run (start-to-end) p50 %d ms, max %d ms; p50 per phase (ms) %s", deployments,
                span.toMillis() / 1000.0, p50Total.toMillis(), maxTotal.toMillis(), p50Run.toMillis(), maxRun.toMillis(),
                p50Phases.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue().toMillis()).toList());
    }

    private static Instant instant(String json, String field) {
        return Instant.parse(DeploymentsApi.text(json, field)
                .orElseThrow(() -> new AssertionError("no " + field + " in " + json)));
    }

    private static Duration median(long[] millis) {
        long[] sorted = millis.clone();
        Arrays.sort(sorted);
        return Duration.ofMillis(sorted[(sorted.length - 1) / 2]);
    }

    private static Duration max(long[] millis) {
        return Duration.ofMillis(Arrays.stream(millis).max().orElse(0));
    }
}
