package io.slipway.core.jobs;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A background job run every {@code every} on its own daemon thread, optionally only while this
 * server is the cluster's leader. A failed run is logged and the next one comes as planned.
 *
 * <pre>{@code
 * PeriodicJob job = PeriodicJob.start("preview-sweeper", Duration.ofHours(1), cluster::isLeader,
 *         "Removing expired previews", sweeper::sweep);
 * job.close(); // with the server
 * }</pre>
 */
public final class PeriodicJob implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PeriodicJob.class);

    private final ScheduledExecutorService timer;

    private PeriodicJob(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    /**
     * @param name the thread's name, after {@code slipway-}
     * @param when whether to run this time (e.g. {@code cluster::isLeader}); {@code () -> true} for always
     * @param what what it does, for the log line of a failed run
     */
    public static PeriodicJob start(String name, Duration every, BooleanSupplier when, String what, Runnable job) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(when, "when");
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(job, "job");
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "slipway-" + name);
            t.setDaemon(true);
            return t;
        });
        long millis = every.toMillis();
        timer.scheduleWithFixedDelay(() -> {
            try {
                if (when.getAsBoolean()) {
                    job.run();
                }
            } catch (RuntimeException e) {
                LOG.warn("{} failed; trying again in {}: {}", what, every, e.getMessage());
            }
        }, millis, millis, TimeUnit.MILLISECONDS);
        return new PeriodicJob(timer);
    }

    @Override
    public void close() {
        // No interrupt: one during a database write closes H2's file (FileChannel is interruptible).
        timer.shutdown();
    }
}
