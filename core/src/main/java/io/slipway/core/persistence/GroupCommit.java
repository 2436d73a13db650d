package io.slipway.core.persistence;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * <p>A unit may name keyed {@linkplain Finisher finishers}: work its group needs once after all
 * of its units, such as superseding an app's older queued deployments, which forty deliveries
 * to one app would otherwise each do again. The group runs one finisher per key, after the
 * units that succeeded, and the first unit that named the key gets its result.
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

    /**
     * Work done once per key in a group, after its units: every finisher given for one key must
     * do the same work, since only one of them runs.
     */
    @FunctionalInterface
    public interface Finisher<R> {
        R finish(Handle h);
    }

    /** A unit's value, and the results of the finishers whose key it named first in its group. */
    public record Finished<T, R>(T value, Map<String, R> owned) {
        public Finished {
            owned = Map.copyOf(owned);
        }
    }

    private final Jdbi jdbi;
    private final int maxBatch;
    private final BlockingQueue<Pending<?, ?>> pending = new LinkedBlockingQueue<>();
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
        return run(unit, Map.<String, Finisher<Object>>of()).value();
    }

    /**
     * Runs {@code unit}, then {@code finishers} once per key for its whole group, and returns
     * once that committed; the results of the finishers this unit owned come with its value.
     */
    public <T, R> Finished<T, R> run(Unit<T> unit, Map<String, Finisher<R>> finishers) {
        Pending<T, R> p = new Pending<>(Objects.requireNonNull(unit, "unit"), Map.copyOf(finishers));
        // No lock shared by the callers (64 request threads contended for one): a unit added as
        // the server closes is taken back unless the committer, which drains the queue before it
        // stops, already took it.
        if (closed) {
            throw stopping();
        }
        pending.add(p);
        if (closed && pending.remove(p)) {
            throw stopping();
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

    private static IllegalStateException stopping() {
        return new IllegalStateException("The server is stopping: nothing more is written");
    }

    private void loop() {
        List<Pending<?, ?>> batch = new ArrayList<>(maxBatch);
        while (true) {
            Pending<?, ?> first;
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

    private void commit(List<Pending<?, ?>> batch) {
        if (batch.size() == 1) {
            alone(batch.get(0));
            return;
        }
        try {
            jdbi.useTransaction(h -> {
                Map<String, Pending<?, ?>> owners = new LinkedHashMap<>();
                for (Pending<?, ?> p : batch) {
                    if (p.inSavepoint(h)) {
                        p.finishers.keySet().forEach(k -> owners.putIfAbsent(k, p));
                    }
                }
                owners.forEach((key, owner) -> owner.finish(h, key));
            });
        } catch (RuntimeException e) {
            LOG.debug("A group of {} writes failed as a whole ({}); retrying each alone", batch.size(), e.toString());
            batch.forEach(this::alone);
            return;
        }
        batch.forEach(Pending::answer);
    }

    private void alone(Pending<?, ?> p) {
        try {
            jdbi.useTransaction(h -> {
                p.reset();
                p.runUnit(h);
                p.finishers.keySet().forEach(k -> p.finish(h, k));
            });
            p.answer();
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

    /** A waiting caller's unit; its state is only touched by the committing thread until answered. */
    private static final class Pending<T, R> {
        private final Unit<T> unit;
        private final Map<String, Finisher<R>> finishers;
        private final CompletableFuture<Finished<T, R>> result = new CompletableFuture<>();
        private final Map<String, R> owned = new HashMap<>();
        private T value;
        private RuntimeException failure;

        Pending(Unit<T> unit, Map<String, Finisher<R>> finishers) {
            this.unit = unit;
            this.finishers = finishers;
        }

        void reset() {
            owned.clear();
            failure = null;
        }

        void runUnit(Handle h) {
            value = unit.run(h);
        }

        /** Runs the unit in a savepoint; false when it failed (and was undone). */
        boolean inSavepoint(Handle h) {
            h.savepoint("unit");
            try {
                runUnit(h);
                h.releaseSavepoint("unit");
                return true;
            } catch (RuntimeException e) {
                h.rollbackToSavepoint("unit");
                failure = e;
                return false;
            }
        }

        void finish(Handle h, String key) {
            owned.put(key, finishers.get(key).finish(h));
        }

        void answer() {
            if (failure != null) {
                result.completeExceptionally(failure);
            } else {
                result.complete(new Finished<>(value, owned));
            }
        }
    }
}
