package io.slipway.core.stacks;

import io.slipway.plugin.api.deploy.ServiceStatus;
import java.util.List;

/**
 * A stack's health: {@code healthy} (every service runs its replicas and passes its check),
 * {@code degraded} (some do), {@code down} (none runs) or {@code not_deployed}.
 */
public record StackHealth(String status, List<ServiceStatus> services) {
    public StackHealth {
        services = List.copyOf(services);
    }

    static StackHealth of(boolean deployed, List<ServiceStatus> services) {
        if (!deployed) {
            return new StackHealth("not_deployed", services);
        }
        long good = services.stream().filter(StackHealth::good).count();
        long running = services.stream().filter(s -> s.running() > 0 || s.desired() == 0).count();
        String status = good == services.size() ? "healthy" : running == 0 ? "down" : "degraded";
        return new StackHealth(status, services);
    }

    static boolean good(ServiceStatus s) {
        return s.running() >= s.desired() && (s.health().equals("healthy") || s.health().equals("none"));
    }
}
