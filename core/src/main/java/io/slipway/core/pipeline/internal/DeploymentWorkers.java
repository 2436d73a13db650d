package io.slipway.core.pipeline.internal;

import io.slipway.core.pipeline.Deployment;
import io.slipway.core.pipeline.DeploymentPhases;
import io.slipway.core.pipeline.internal.DeploymentTransitions.Change;
import io.slipway.plugin.api.notify.DeploymentPhase;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bounded pool of workers fed from the queue in the database. A dispatcher claims queued
 * deployments while workers are free: woken at once when this server queues one, and polling for
 * those other servers queue. One deployment per app+environment runs at a time; of several
 * queued for one app+environment only the newest runs, the others end SUPERSEDED.
 */
public final class DeploymentWorkers implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DeploymentWorkers.class);

    private final DeploymentStore store;
    private final DeploymentTransitions transitions;
    private final PipelineEngine engine;
    private final RunningDeployments running;
    private final String instance;
    private final int size;
    private final Duration poll;
    private final ExecutorService pool;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wakeUp = lock.newCondition();
    private final Thread dispatcher;
    private boolean woken;
    private volatile boolean closed;

    public DeploymentWorkers(DeploymentStore store, DeploymentTransitions transitions, PipelineEngine engine,
                             RunningDeployments running, String instance, int size, Duration poll) {
        this.store = Objects.requireNonNull(store, "store");
        this.transitions = Objects.requireNonNull(transitions, "transitions");
        this.engine = Objects.requireNonNull(engine, "engine");
        this.running = Objects.requireNonNull(running, "running");
        this.instance = Objects.requireNonNull(instance, "instance");
        this.size = Math.max(1, size);
        this.poll = Objects.requireNonNull(poll, "poll");
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(this.size, r -> {
            Thread t = new Thread(r, "slipway-deploy-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.dispatcher = new Thread(this::dispatch, "slipway-deploy-dispatcher");
        this.dispatcher.setDaemon(true);
    }

    public void start() {
        dispatcher.start();
    }

    public int size() {
        return size;
    }

    /** Look at the queue now (a deployment was queued, or a worker became free). */
    public void wake() {
        lock.lock();
        try {
            woken = true;
            wakeUp.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Runs a deployment this server already claimed (a resumed one). */
    public void runClaimed(long id) {
        submit(id);
    }

    private void dispatch() {
        while (!closed) {
            try {
                claimWhileFree();
            } catch (RuntimeException e) {
                LOG.warn("Looking for queued deployments failed; retrying in {} ms: {}", poll.toMillis(), e.getMessage());
            }
            lock.lock();
            try {
                if (!woken && !closed) {
                    wakeUp.await(poll.toMillis(), TimeUnit.MILLISECONDS);
                }
                woken = false;
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
        }
    }

    private void claimWhileFree() {
        int free = size - running.size();
        if (free <= 0) {
            return;
        }
        List<Deployment> candidates = store.claimable(free * 4 + 8);
        Map<String, Deployment> newest = new HashMap<>();
        for (Deployment d : candidates) {
            newest.merge(d.appId() + "/" + d.environment(), d, (a, b) -> a.id() > b.id() ? a : b);
        }
        for (Deployment d : candidates) {
            Deployment winner = newest.get(d.appId() + "/" + d.environment());
            if (winner.id() != d.id()) {
                transitions.transitionTo(d.id(), Change.failure(DeploymentPhase.QUEUED, DeploymentPhase.SUPERSEDED,
                        "Superseded by deployment " + winner.id() + "."));
            }
        }
        for (Deployment d : newest.values().stream().sorted((a, b) -> Long.compare(a.id(), b.id())).toList()) {
            if (free <= 0) {
                return;
            }
            if (claim(d).isPresent()) {
                free--;
                submit(d.id());
            }
        }
    }

    /**
     * QUEUED to its first working phase, for this server only: the app's row is locked so two
     * claims for one app+environment cannot both see it idle, and the phase change is a
     * compare-and-set on QUEUED, so one row is never claimed twice. On PostgreSQL the lock is
     * taken with {@code FOR NO KEY UPDATE SKIP LOCKED}: while another server claims for the same app, this one moves on
     * instead of queueing behind it (the next look finds the deployment claimed or free).
     */
    Optional<Deployment> claim(Deployment d) {
        DeploymentPhase first = d.artifact().isPresent() ? DeploymentPhase.DEPLOYING : DeploymentPhase.FETCHING_SOURCE;
        return transitions.transitionTo(d.id(), Change.of(DeploymentPhase.QUEUED, first).claimedBy(instance, h -> {
            boolean skipLocked = isPostgres(h);
            // NO KEY UPDATE: inserting a deployment (whose foreign key share-locks the app) need not wait.
            boolean locked = h.createQuery("SELECT id FROM apps WHERE id = :app "
                            + (skipLocked ? "FOR NO KEY UPDATE SKIP LOCKED" : "FOR UPDATE")).bind("app", d.appId())
                    .mapTo(Long.class).findOne().isPresent();
            if (skipLocked && !locked) {
                return false;
            }
            boolean busy = h.createQuery("SELECT " + DeploymentPhases.anyWorking("w.app_id = :app AND w.environment = :env"))
                    .bind("app", d.appId()).bind("env", d.environment()).mapTo(Boolean.class).one();
            int newer = h.createQuery("SELECT COUNT(*) FROM deployments WHERE app_id = :app AND environment = :env "
                            + "AND phase = 'QUEUED' AND id > :id")
                    .bind("app", d.appId()).bind("env", d.environment()).bind("id", d.id()).mapTo(Integer.class).one();
            return !busy && newer == 0;
        }));
    }

    private static boolean isPostgres(org.jdbi.v3.core.Handle h) {
        try {
            return "PostgreSQL".equals(h.getConnection().getMetaData().getDatabaseProductName());
        } catch (java.sql.SQLException e) {
            return false;
        }
    }

    private void submit(long id) {
        StepCancellation cancellation = new StepCancellation();
        if (!running.add(id, cancellation)) {
            return;
        }
        try {
            pool.execute(() -> {
                org.slf4j.MDC.put(io.slipway.core.logging.LogFields.DEPLOYMENT_ID, Long.toString(id)); // on every line of the run
                try {
                    engine.run(id, cancellation);
                } catch (RuntimeException | Error e) {
                    LOG.error("Deployment {} stopped unexpectedly", id, e);
                } finally {
                    org.slf4j.MDC.remove(io.slipway.core.logging.LogFields.DEPLOYMENT_ID);
                    running.remove(id);
                    wake();
                }
            });
        } catch (RuntimeException e) {
            running.remove(id);
            throw e;
        }
    }

    @Override
    public void close() {
        closed = true;
        wake();
        dispatcher.interrupt();
        // Runs stop where they are (LOST leaves them unfinished, for the next start to resume);
        // no interrupts, which would close the database's and logs' file channels under them.
        running.ids().forEach(id -> running.get(id).ifPresent(c -> c.cancel(StepCancellation.Reason.LOST)));
        pool.shutdown();
        try {
            pool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
