package io.slipway.core.pipeline.internal;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells live log viewers that a deployment's log grew or the deployment changed phase. Viewers
 * read the file themselves, so nothing is lost between a notice and the next read.
 */
public final class LiveLogHub {
    private final Map<Long, Set<Runnable>> watchers = new ConcurrentHashMap<>();

    /** {@code onChange} must return quickly (schedule work, don't do it). Close to stop. */
    public AutoCloseable watch(long deploymentId, Runnable onChange) {
        watchers.computeIfAbsent(deploymentId, k -> ConcurrentHashMap.newKeySet()).add(onChange);
        return () -> watchers.computeIfPresent(deploymentId, (k, set) -> {
            set.remove(onChange);
            return set.isEmpty() ? null : set;
        });
    }

    public void changed(long deploymentId) {
        Set<Runnable> set = watchers.get(deploymentId);
        if (set != null) {
            set.forEach(Runnable::run);
        }
    }
}
