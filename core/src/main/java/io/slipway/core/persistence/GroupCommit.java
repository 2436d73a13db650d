package io.slipway.core.persistence;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs many callers' small write units in one transaction with one commit (group commit): on
 * H2 with {@code WRITE_DELAY 0} every commit writes a new chunk of the file, and that write, not
 * the SQL, was most of a webhook delivery's cost. A caller blocks until the transaction holding
 * its unit committed, so "answered" still means "persisted". Each unit runs inside its own
 * savepoint: a unit that throws is undone alone and its caller gets the exception; the others
 * commit. When the transaction as a whole fails, every unit is retried alone in its own
 * transaction, so one unit cannot fail another.
 *
 * <pre>{@code
 * long id = writes.run(h -> h.createUpdate("INSERT ...").executeAndReturnGeneratedKeys("id")
 *         .mapTo(Long.class).one());
 * }</pre>
 */
public final class GroupCommit implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);

    /** One caller's unit of work. */
    @FunctionalInterface
    public interface Unit<T> {
        T run(Handle h);
    }

    private final Jdbi jdbi;
    private final int maxBatch;
    private final BlockingQueue<Pending<?>> pending = new LinkedBlockingQueue<>();
    private final Thread committer;
    private volatile boolean closed;

    public GroupCommit(Jdbi jdbi, String name, int maxBatch) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be at least 1");
        }
        this.maxBatch = maxBatch;
        this.committer = new Thread(this::loop, "slipway-commit-" + Objects.requireNonNull(name, "name"));
        committer.setDaemon(true);
        committer.start();
    }

    /** Runs {@code unit} in the next group transaction and returns its result once that committed. */
    public <T> T run(Unit<T> unit) {
        Objects.requireNonNull(unit, "unit");
        Pending<T> p = new Pending<>(unit);
        synchronized (pending) {
            if (closed) {
                throw new IllegalStateException("The server is stopping: nothing more is written");
            }
            pending.add(p);
        }
        try {
            return p.result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a commit", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private void loop() {
        List<Pending<?>> batch = new ArrayList<>(maxBatch);
        while (true) {
            Pending<?> first;
            try {
                // Polled, never interrupted: an interrupt inside a JDBC call closes H2's file.
                first = pending.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (first == null) {
                synchronized (pending) {
                    if (closed && pending.isEmpty()) {
                        return;
                    }
                }
                continue;
            }
            batch.add(first);
            pending.drainTo(batch, maxBatch - 1);
            commit(batch);
            batch.clear();
        }
    }

    private void commit(List<Pending<?>> batch) {
        if (batch.size() == 1) {
            alone(batch.get(0));
            return;
        }
        List<Runnable> outcomes = new ArrayList<>(batch.size());
        try {
            jdbi.useTransaction(h -> {
                for (Pending<?> p : batch) {
                    outcomes.add(p.inSavepoint(h));
                }
            });
        } catch (RuntimeException e) {
            LOG.debug("A group of {} writes failed as a whole ({}); retrying each alone", batch.size(), e.toString());
            batch.forEach(this::alone);
            return;
        }
        outcomes.forEach(Runnable::run);
    }

    private void alone(Pending<?> p) {
        try {
            p.complete(jdbi.inTransaction(h -> p.unit.run(h)));
        } catch (RuntimeException | Error e) {
            p.result.completeExceptionally(e);
        }
    }

    @Override
    public void close() {
        synchronized (pending) {
            closed = true;
        }
        try {
            committer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class Pending<T> {
        private final Unit<T> unit;
        private final CompletableFuture<T> result = new CompletableFuture<>();

        Pending(Unit<T> unit) {
            this.unit = unit;
        }

        @SuppressWarnings("unchecked")
        void complete(Object value) {
            result.complete((T) value);
        }

        /** Runs the unit in a savepoint; returns what to tell its caller once the transaction committed. */
        Runnable inSavepoint(Handle h) {
            h.savepoint("unit");
            try {
                T value = unit.run(h);
                h.releaseSavepoint("unit");
                return () -> result.complete(value);
            } catch (RuntimeException e) {
                h.rollbackToSavepoint("unit");
                return () -> result.completeExceptionally(e);
            }
        }
    }
}
