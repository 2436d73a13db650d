package io.slipway.core.notifications.internal;

import io.slipway.core.notifications.NotificationSettings;
import io.slipway.plugin.api.notify.NotifierRetryException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs deliveries: each attempt on a bounded pool with a timeout, failed attempts retried after
 * exponential back-off with jitter, or after the service's {@code Retry-After}
 * ({@link NotifierRetryException}); a permanent failure or the last attempt's is recorded and the
 * delivery ends. Deliveries with the same order key (one target, one deployment) run one after
 * the other, so a message is updated in phase order. Nothing here ever blocks the caller.
 */
public final class DeliveryRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryRunner.class);

    private final NotificationSettings settings;
    private final DeliveryLog log;
    private final ThreadPoolExecutor pool;
    private final ScheduledExecutorService timer;
    private final Map<String, CompletableFuture<Void>> chains = new ConcurrentHashMap<>();

    public DeliveryRunner(NotificationSettings settings, DeliveryLog log) {
        this.settings = settings;
        this.log = log;
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(settings.threads(), settings.threads(), 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(settings.queue()), r -> daemon(r, "slipway-notify-" + n.incrementAndGet()));
        this.pool.allowCoreThreadTimeOut(true);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "slipway-notify-timer"));
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /**
     * Queues a delivery after the earlier ones of the same key; the future completes when it was
     * sent or given up on.
     */
    public CompletableFuture<Void> submit(String orderKey, long deliveryId, int attempts, Runnable send) {
        CompletableFuture<Void> next = chains.compute(orderKey, (k, previous) ->
                (previous == null ? CompletableFuture.<Void>completedFuture(null) : previous)
                        .thenCompose(x -> run(deliveryId, attempts, send)));
        next.whenComplete((x, e) -> chains.remove(orderKey, next));
        return next;
    }

    private CompletableFuture<Void> run(long deliveryId, int attempts, Runnable send) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        attempt(deliveryId, 1, attempts, send, done);
        return done;
    }

    private void attempt(long id, int attempt, int attempts, Runnable send, CompletableFuture<Void> done) {
        AtomicBoolean settled = new AtomicBoolean();
        Future<?> running;
        try {
            running = pool.submit(() -> {
                try {
                    send.run();
                    if (settled.compareAndSet(false, true)) {
                        finish(id, "SENT", attempt, Optional.empty(), done);
                    }
                } catch (RuntimeException e) {
                    if (settled.compareAndSet(false, true)) {
                        failed(id, attempt, attempts, send, e, done);
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            finish(id, "FAILED", attempt - 1, Optional.of("Dropped: " + settings.queue() + " notifications were "
                    + "already waiting (is a target very slow?)"), done);
            return;
        }
        timer.schedule(() -> {
            if (settled.compareAndSet(false, true)) {
                running.cancel(true);
                failed(id, attempt, attempts, send, new IllegalStateException("No answer within "
                        + settings.attemptTimeout().toMillis() + " ms"), done);
            }
        }, settings.attemptTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void failed(long id, int attempt, int attempts, Runnable send, RuntimeException e,
                        CompletableFuture<Void> done) {
        Optional<NotifierRetryException> hint = retryHint(e);
        String message = hint.map(Throwable::getMessage).orElseGet(() -> e.getMessage() == null ? e.toString()
                : e.getMessage());
        boolean permanent = hint.map(NotifierRetryException::isPermanent).orElse(false);
        if (permanent || attempt >= attempts) {
            LOG.warn("Gave up delivering notification {} after {} attempt(s): {}", id, attempt, message);
            finish(id, "FAILED", attempt, Optional.of(message), done);
            return;
        }
        try {
            log.record(id, "PENDING", attempt, Optional.of(message));
        } catch (RuntimeException dbDown) {
            LOG.warn("Could not record attempt {} of notification {}: {}", attempt, id, dbDown.getMessage());
        }
        Duration delay = hint.flatMap(NotifierRetryException::retryAfter)
                .map(d -> d.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : d)
                .orElseGet(() -> backoff(attempt));
        try {
            timer.schedule(() -> attempt(id, attempt + 1, attempts, send, done), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            done.complete(null);
        }
    }

    /** The delay after failed attempt {@code n}: base × 2^(n-1), capped, ±20 % so retries spread out. */
    Duration backoff(int attempt) {
        long base = settings.backoff().toMillis();
        long max = settings.maxBackoff().toMillis();
        long exp = attempt > 30 ? max : Math.min(max, base << (attempt - 1));
        double jitter = 0.8 + 0.4 * ThreadLocalRandom.current().nextDouble();
        return Duration.ofMillis(Math.min(max, Math.round(exp * jitter)));
    }

    private static Optional<NotifierRetryException> retryHint(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof NotifierRetryException r) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    private void finish(long id, String status, int attempts, Optional<String> error, CompletableFuture<Void> done) {
        try {
            log.record(id, status, attempts, error);
        } catch (RuntimeException e) {
            LOG.warn("Could not record the outcome of notification {}: {}", id, e.getMessage());
        } finally {
            done.complete(null);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        pool.shutdownNow();
    }
}
