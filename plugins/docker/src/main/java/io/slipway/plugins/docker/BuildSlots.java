package io.slipway.plugins.docker;

import io.slipway.plugin.api.StepFailedException;
import io.slipway.plugin.api.step.StepContext;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Keeps builds from taking the server down: at most {@code max} run at once, and a build starts
 * only while the machine has {@code minFreeMb} of memory available. A build that must wait says
 * why in its deployment log, and stays cancellable while it waits.
 *
 * <pre>{@code
 * try (BuildSlots.Slot slot = slots.acquire(step)) {
 *     ... build ...
 * }
 * }</pre>
 */
final class BuildSlots {
    static final int DEFAULT_MAX_BUILDS = 2;
    static final long DEFAULT_MIN_FREE_MB = 512;
    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration REPEAT_NOTICE = Duration.ofSeconds(30);

    private final int max;
    private final long minFreeMb;
    private final Supplier<OptionalLong> freeMb;
    private final Duration poll;
    private final Semaphore permits;

    BuildSlots(int max, long minFreeMb, Supplier<OptionalLong> freeMb, Duration poll) {
        if (max < 1) {
            throw new IllegalArgumentException("max builds must be at least 1: " + max);
        }
        this.max = max;
        this.minFreeMb = minFreeMb;
        this.freeMb = freeMb;
        this.poll = poll;
        this.permits = new Semaphore(max, true);
    }

    /**
     * The one instance per server: the limit is on the machine, whichever extension instance
     * builds. (A holder, not a mutable static: it is made once and never replaced.)
     */
    static BuildSlots shared() {
        return Shared.INSTANCE;
    }

    static BuildSlots fromEnvironment(Map<String, String> env) {
        int max = positive(env.get("SLIPWAY_DOCKER_MAX_BUILDS")).map(Long::intValue).orElse(DEFAULT_MAX_BUILDS);
        long minFree = positive(env.get("SLIPWAY_DOCKER_MIN_FREE_MB")).orElse(DEFAULT_MIN_FREE_MB);
        Path meminfo = Path.of("/proc/meminfo");
        return new BuildSlots(max, minFree, () -> MemInfo.availableMb(meminfo), POLL);
    }

    int max() {
        return max;
    }

    int running() {
        return max - permits.availablePermits();
    }

    /** Waits for a free slot and enough memory, logging why it waits; the slot must be closed. */
    Slot acquire(StepContext step) {
        waitForPermit(step);
        Slot slot = new Slot();
        try {
            waitForMemory(step);
            return slot;
        } catch (RuntimeException e) {
            slot.close();
            throw e;
        }
    }

    private void waitForPermit(StepContext step) {
        if (permits.tryAcquire()) {
            return;
        }
        Instant nextNotice = Instant.MIN;
        while (true) {
            step.cancellation().throwIfCancelled();
            Instant now = Instant.now();
            String why = running() + " builds running (max " + max + ")";
            if (now.isAfter(step.deadline())) {
                throw new StepFailedException("Gave up waiting to build at the step's deadline: " + why
                        + ". Raise SLIPWAY_DOCKER_MAX_BUILDS or deploy again later.");
            }
            if (!now.isBefore(nextNotice)) {
                step.log().line("Waiting: " + why);
                nextNotice = now.plus(REPEAT_NOTICE);
            }
            try {
                if (permits.tryAcquire(poll.toMillis(), TimeUnit.MILLISECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StepFailedException("Interrupted while waiting to build");
            }
        }
    }

    private void waitForMemory(StepContext step) {
        Instant nextNotice = Instant.MIN;
        while (true) {
            OptionalLong free = freeMb.get();
            if (free.isEmpty() || free.getAsLong() >= minFreeMb) {
                return;
            }
            step.cancellation().throwIfCancelled();
            Instant now = Instant.now();
            String why = "only " + free.getAsLong() + " MB free memory, need " + minFreeMb + " MB";
            if (now.isAfter(step.deadline())) {
                throw new StepFailedException("Gave up waiting to build at the step's deadline: " + why
                        + ". Free memory on the server or lower SLIPWAY_DOCKER_MIN_FREE_MB.");
            }
            if (!now.isBefore(nextNotice)) {
                step.log().line("Waiting: " + why);
                nextNotice = now.plus(REPEAT_NOTICE);
            }
            try {
                Thread.sleep(poll.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StepFailedException("Interrupted while waiting to build");
            }
        }
    }

    private static Optional<Long> positive(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            long n = Long.parseLong(value.trim());
            return n > 0 ? Optional.of(n) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** A held build slot; closing it (once) lets the next build start. */
    final class Slot implements AutoCloseable {
        private boolean released;

        @Override
        public synchronized void close() {
            if (!released) {
                released = true;
                permits.release();
            }
        }
    }

    private static final class Shared {
        static final BuildSlots INSTANCE = fromEnvironment(System.getenv());
    }
}
