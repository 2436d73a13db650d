package io.slipway.core.server;

import io.slipway.core.ServiceUnavailableException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the core on its own thread while the HTTP stack initialises on another, so start-up
 * pays for the slower of the two, not their sum. Until the core is ready the health endpoint says
 * so and other requests wait briefly, then answer 503.
 */
public final class SlipwayBoot implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SlipwayBoot.class);
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final CompletableFuture<SlipwayCore> core = new CompletableFuture<>();
    private final long startedNanos = System.nanoTime();

    /** Starts the core in the background. */
    public static SlipwayBoot start(Startup startup) {
        SlipwayBoot boot = new SlipwayBoot();
        Thread t = new Thread(() -> boot.run(startup), "slipway-boot");
        t.setDaemon(true);
        t.start();
        return boot;
    }

    private void run(Startup startup) {
        try {
            SlipwayCore started = SlipwayCore.start(startup);
            if (!core.complete(started)) {
                started.close();
                return;
            }
            LOG.info("Slipway {} core ready in {} ms (home {})", startup.version(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos), startup.config().home());
        } catch (Throwable e) {
            LOG.error("Slipway failed to start: {}", e.getMessage(), e);
            core.completeExceptionally(e);
        }
    }

    public Optional<SlipwayCore> ifReady() {
        return core.isDone() && !core.isCompletedExceptionally() ? Optional.of(core.join()) : Optional.empty();
    }

    public Optional<Throwable> failure() {
        if (!core.isCompletedExceptionally()) {
            return Optional.empty();
        }
        try {
            core.join();
            return Optional.empty();
        } catch (java.util.concurrent.CompletionException e) {
            return Optional.of(e.getCause() == null ? e : e.getCause());
        } catch (java.util.concurrent.CancellationException e) {
            return Optional.of(e);
        }
    }

    /** Waits for the core, or says why it cannot be had. */
    public SlipwayCore await() {
        try {
            return core.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceUnavailableException("Slipway is shutting down.");
        } catch (ExecutionException e) {
            throw new ServiceUnavailableException("Slipway failed to start: " + e.getCause().getMessage()
                    + ". Fix the cause in the server log and restart.");
        } catch (TimeoutException e) {
            throw new ServiceUnavailableException("Slipway is still starting; try again in a few seconds.");
        } catch (java.util.concurrent.CancellationException e) {
            throw new ServiceUnavailableException("Slipway is shutting down.");
        }
    }

    /** Completes when the core is ready or failed. */
    public CompletableFuture<SlipwayCore> whenDone() {
        return core.copy();
    }

    @Override
    public void close() {
        if (!core.cancel(false)) {
            ifReady().ifPresent(SlipwayCore::close);
        }
    }
}
