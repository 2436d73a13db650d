package io.slipway.core.pipeline.internal;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The deployments this server runs right now, with their cancellation signals. */
public final class RunningDeployments {
    private final Map<Long, StepCancellation> running = new ConcurrentHashMap<>();

    /** @return false when it already runs here */
    public boolean add(long id, StepCancellation cancellation) {
        return running.putIfAbsent(id, cancellation) == null;
    }

    public void remove(long id) {
        running.remove(id);
    }

    public Optional<StepCancellation> get(long id) {
        return Optional.ofNullable(running.get(id));
    }

    public boolean contains(long id) {
        return running.containsKey(id);
    }

    public Set<Long> ids() {
        return Set.copyOf(running.keySet());
    }

    public int size() {
        return running.size();
    }
}
