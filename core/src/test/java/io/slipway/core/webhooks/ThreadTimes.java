package io.slipway.core.webhooks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Bench support: CPU time per thread group (names with their digits dropped), so a run shows
 * whether one thread, such as the group-commit thread, is the one that bounds it.
 */
final class ThreadTimes {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final Map<Long, Long> cpuById;
    private final long compileMillis;
    private final long gcMillis;

    private ThreadTimes(Map<Long, Long> cpuById) {
        this.cpuById = cpuById;
        this.compileMillis = compileMillis();
        this.gcMillis = gcMillis();
    }

    private static long compileMillis() {
        return ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(b -> Math.max(0, b.getCollectionTime())).sum();
    }

    static ThreadTimes now() {
        Map<Long, Long> cpu = new HashMap<>();
        for (long id : THREADS.getAllThreadIds()) {
            cpu.put(id, THREADS.getThreadCpuTime(id));
        }
        return new ThreadTimes(cpu);
    }

    /**
     * Each group using at least 2 % of a core since this snapshot, as "name 87 %", busiest first,
     * then the JIT compilers' and the garbage collector's time (not Java threads, so not above).
     */
    String busySince(double seconds) {
        Map<String, Long> byGroup = new TreeMap<>();
        for (long id : THREADS.getAllThreadIds()) {
            ThreadInfo info = THREADS.getThreadInfo(id);
            long cpu = THREADS.getThreadCpuTime(id);
            if (info == null || cpu < 0) {
                continue;
            }
            String group = info.getThreadName().replaceAll("\\d+", "N");
            byGroup.merge(group, cpu - cpuById.getOrDefault(id, 0L), Long::sum);
        }
        return byGroup.entrySet().stream()
                .filter(e -> e.getValue() / 1e9 / seconds >= 0.02)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(e -> String.format("%s %.0f %%", e.getKey(), 100 * e.getValue() / 1e9 / seconds))
                .collect(Collectors.joining(", "))
                + String.format("; JIT compiling %.0f %%, GC pauses %.0f %%",
                        (compileMillis() - compileMillis) / 10.0 / seconds, (gcMillis() - gcMillis) / 10.0 / seconds);
    }
}
