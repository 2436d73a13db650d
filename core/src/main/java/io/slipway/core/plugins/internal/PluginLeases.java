package io.slipway.core.plugins.internal;

import io.slipway.core.plugins.PluginBusyException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Who is using which plugin. A call into a plugin holds a shared lease on it; a change to the
 * plugin (upgrade, disable, uninstall) drains it: waits until no lease is held, and keeps new
 * calls waiting until the change is done, so no call runs against a closing class loader.
 */
public final class PluginLeases {
    private final ConcurrentHashMap<String, ReentrantReadWriteLock> locks = new ConcurrentHashMap<>();

    /** A held lease or drain; closing releases it. */
    public interface Held extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Takes a shared lease on a plugin, waiting at most {@code wait} while a change to it runs.
     *
     * @return empty when the wait ran out
     */
    public Optional<Held> lease(String pluginId, Duration wait) throws InterruptedException {
        Lock lock = lockOf(pluginId).readLock();
        if (!lock.tryLock(wait.toMillis(), TimeUnit.MILLISECONDS)) {
            return Optional.empty();
        }
        return Optional.of(lock::unlock);
    }

    /**
     * Waits until no lease is held on any of the plugins, then holds them all exclusively.
     *
     * @throws PluginBusyException when one is still in use after {@code timeout}
     */
    public Held drain(Collection<String> pluginIds, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Deque<Lock> held = new ArrayDeque<>();
        // One order for everyone, so two drains cannot wait on each other.
        for (String id : new TreeSet<>(pluginIds)) {
            Lock lock = lockOf(id).writeLock();
            boolean got;
            try {
                got = lock.tryLock(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                got = false;
            }
            if (!got) {
                held.forEach(Lock::unlock);
                throw new PluginBusyException(id, timeout.toSeconds());
            }
            held.push(lock);
        }
        return () -> held.forEach(Lock::unlock);
    }

    private ReentrantReadWriteLock lockOf(String pluginId) {
        return locks.computeIfAbsent(pluginId, id -> new ReentrantReadWriteLock());
    }
}
