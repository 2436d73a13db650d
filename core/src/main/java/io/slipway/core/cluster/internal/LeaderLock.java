package io.slipway.core.cluster.internal;

/** The lock whose holder leads: an advisory lock on PostgreSQL, always held on H2 (one server). */
public interface LeaderLock extends AutoCloseable {
    /**
     * Keeps the lock if held and still valid, else tries to take it; never blocks for long and
     * never throws (an unreachable database means "not leader").
     */
    boolean holdOrAcquire();

    /** Releases the lock (if held) and its connection. */
    @Override
    void close();
}
